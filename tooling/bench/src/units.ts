/** Display formats shared by the console table and the Markdown report. */

export function ms(us: number, digits = 3): string {
  return Number.isFinite(us) ? `${(us / 1000).toFixed(digits)} ms` : '–';
}

export function micros(us: number): string {
  return Number.isFinite(us) ? `${us.toFixed(2)} µs` : '–';
}

export function perSec(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value).toLocaleString('en-US')}/s` : '–';
}

/**
 * `1.07×`. Next to a `target` it would round onto, three decimals rounded away from the target,
 * so the figure shows which side it is on: 0.7996 against 0.8 reads 0.799×, never "0.80×, NOT met".
 */
export function ratio(value: number | undefined, target?: number): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  if (target === undefined || value === target || Math.abs(value - target) >= 0.005) {
    return `${value.toFixed(2)}×`;
  }
  const shown = value < target ? Math.floor(value * 1000) / 1000 : Math.ceil(value * 1000) / 1000;
  return `${shown.toFixed(3)}×`;
}

export function verdict(met: boolean | undefined): string {
  return met === undefined ? '–' : met ? 'met' : 'NOT met';
}

export function millis(value: number): string {
  return Number.isFinite(value) ? `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ms` : '–';
}
