/** Viewer settings kept in this browser (alert thresholds live on the server). */
export interface ViewerSettings {
  /** Sensor frames per second asked of the server. */
  readonly updateRateHz: number;
  /** Default chart range, simulated seconds. */
  readonly chartRangeS: number;
  readonly visibleKpis: readonly KpiCardId[];
}

export const KPI_CARDS = ['defects', 'quality', 'criticalAlerts', 'predictionAccuracy', 'productionRate', 'responseTime'] as const;
export type KpiCardId = (typeof KPI_CARDS)[number];

export const DEFAULT_SETTINGS: ViewerSettings = { updateRateHz: 2, chartRangeS: 3600, visibleKpis: KPI_CARDS };
const KEY = 'twinworks.settings';

/** Settings from localStorage, defaults for anything missing or malformed. */
export function loadSettings(storage: Pick<Storage, 'getItem'> | null = globalThis.localStorage ?? null): ViewerSettings {
  try {
    const raw = JSON.parse(storage?.getItem(KEY) ?? 'null') as Partial<ViewerSettings> | null;
    if (!raw) return DEFAULT_SETTINGS;
    const rate = Number(raw.updateRateHz);
    const range = Number(raw.chartRangeS);
    return {
      updateRateHz: rate > 0 && rate <= 100 ? rate : DEFAULT_SETTINGS.updateRateHz,
      chartRangeS: range >= 60 ? range : DEFAULT_SETTINGS.chartRangeS,
      visibleKpis: Array.isArray(raw.visibleKpis) ? KPI_CARDS.filter((k) => raw.visibleKpis!.includes(k)) : DEFAULT_SETTINGS.visibleKpis,
    };
  } catch {
    return DEFAULT_SETTINGS;
  }
}

/** Persists the settings. */
export function saveSettings(s: ViewerSettings, storage: Pick<Storage, 'setItem'> | null = globalThis.localStorage ?? null): void {
  storage?.setItem(KEY, JSON.stringify(s));
}
