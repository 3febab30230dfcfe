import { boardFamilyInfo, familyNeeds } from '../../src-shared/leaderboard/board-families';
import { useAppStore } from '../store/hooks';

/** The family (`classic`, `lite`) of the open leaderboard: its catalogue entry's project, else read from its name. */
export function useBoardFamily(): string {
  const catalogue = useAppStore((state) => state.catalogue);
  const imported = useAppStore((state) => state.imported);
  const name = useAppStore((state) => state.leaderboardName);
  const catalogueId = imported.find((summary) => summary.name === name)?.catalogueId;
  const project = catalogue.find((entry) => entry.id === catalogueId)?.project;
  return project ?? (name && /^lite(?:[-_]|$)/i.test(name) ? 'lite' : 'classic');
}

/** What the family's scenarios need of the model (chat vs completions, long generations). */
export function FamilyNeeds({ family }: { readonly family: string }) {
  const info = boardFamilyInfo(family);
  const needs = familyNeeds(family);
  if (!info || needs.length === 0) return null;
  return (
    <details className="card" data-testid="family-needs">
      <summary>What {info.title}&apos;s scenarios need of your model</summary>
      <ul className="small">
        {needs.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </details>
  );
}
