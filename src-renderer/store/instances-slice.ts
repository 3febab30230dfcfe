import type { InstancePage, InstanceRun } from '../../src-shared/api/instances';
import type { SliceContext } from './types';

/** Instances per page: enough to scan, few enough that a page of long prompts stays light. */
export const INSTANCE_PAGE_SIZE = 50;

export interface InstanceViewerState {
  readonly runId: string;
  readonly runs: readonly InstanceRun[];
  readonly runName: string | null;
  readonly wrongOnly: boolean;
  readonly offset: number;
  readonly page: InstancePage | null;
  readonly isLoading: boolean;
}

export interface InstancesSlice {
  instanceViewer: InstanceViewerState | null;
  /** Opens the per-instance viewer on a run (its first HELM run). */
  openInstances(runId: string): Promise<void>;
  chooseInstanceRun(runName: string): Promise<void>;
  setWrongOnly(wrongOnly: boolean): Promise<void>;
  showInstancePage(offset: number): Promise<void>;
}

export function createInstancesSlice({ set, get, port }: SliceContext): InstancesSlice {
  let request = 0;
  const load = async (patch: Partial<InstanceViewerState>) => {
    const current = get().instanceViewer;
    if (!current) return;
    const next = { ...current, ...patch, isLoading: true };
    set({ instanceViewer: next });
    if (!next.runName) return set({ instanceViewer: { ...next, isLoading: false } });
    const mine = ++request;
    try {
      const page = await port.api['instances.page']({
        runId: next.runId,
        runName: next.runName,
        offset: next.offset,
        limit: INSTANCE_PAGE_SIZE,
        wrongOnly: next.wrongOnly,
      });
      if (mine === request) set({ instanceViewer: { ...next, page, isLoading: false } });
    } catch (error) {
      if (mine === request) set({ instanceViewer: { ...next, isLoading: false } });
      get().showError(error);
    }
  };
  return {
    instanceViewer: null,
    openInstances: async (runId) => {
      try {
        const runs = await port.api['instances.runs']({ runId });
        set({
          instanceViewer: {
            runId,
            runs,
            runName: runs[0]?.runName ?? null,
            wrongOnly: false,
            offset: 0,
            page: null,
            isLoading: false,
          },
        });
        get().goTo('instances');
        await load({});
      } catch (error) {
        get().showError(error);
      }
    },
    chooseInstanceRun: (runName) => load({ runName, offset: 0 }),
    setWrongOnly: (wrongOnly) => load({ wrongOnly, offset: 0 }),
    showInstancePage: (offset) => load({ offset: Math.max(0, offset) }),
  };
}
