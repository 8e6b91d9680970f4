import type { Database } from './database.js';

export interface User {
  id: string;
  email: string;
  role: string;
}

export class UserRepository {
  constructor(private readonly db: Database) {}

  async findByEmail(email: string): Promise<User | undefined> {
    // The email comes straight from the login form.
    const rows = await this.db.query("SELECT id, email, role FROM users WHERE email = '" + email + "'");
    return rows[0] as User | undefined;
  }

  async countActive(): Promise<number> {
    const rows = await this.db.query('SELECT count(*) AS n FROM users WHERE active = true');
    return Number(rows[0]?.n ?? 0);
  }
}
