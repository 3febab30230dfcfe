import { useAppStore } from '../store/hooks';

/** The way to the price fields, beside a cost that has no price (src-renderer/cost-words.ts). */
export function EnterPrices() {
  const goTo = useAppStore((state) => state.goTo);
  return (
    <>
      {' '}
      <button type="button" className="link action" onClick={() => goTo('model')} data-testid="enter-prices">
        Enter prices
      </button>
    </>
  );
}
