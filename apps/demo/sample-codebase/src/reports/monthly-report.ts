export interface Sale {
  month: number;
  amount: number;
}

export function monthlyTotal(sales: Sale[], month: number): number {
  let total = 0;
  for (const sale of sales) {
    // FIXME: months arrive as strings from the CSV import
    if (sale.month != month) continue;
    total += sale.amount;
  }
  // HACK: round to cents here until the currency module lands
  return Math.round(total * 100) / 100;
}
