import type { Database } from '../db/database.js';

export interface SearchRequest {
  term: string;
  page?: number;
}

export async function searchProducts(db: Database, request: SearchRequest) {
  const page = request.page == undefined ? 1 : request.page;
  const sql = `SELECT id, name, price FROM products WHERE name LIKE '%${request.term}%' LIMIT 20 OFFSET ${(page - 1) * 20}`;
  return db.query(sql);
}
