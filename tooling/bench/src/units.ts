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

export function ratio(value: number | undefined): string {
  return value !== undefined && Number.isFinite(value) ? `${value.toFixed(2)}×` : '–';
}

export function verdict(met: boolean | undefined): string {
  return met === undefined ? '–' : met ? 'met' : 'NOT met';
}

export function millis(value: number): string {
  return Number.isFinite(value) ? `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ms` : '–';
}
