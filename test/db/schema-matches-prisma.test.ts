import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getDMMF } from '@prisma/internals';
import { migrate } from '../../server/data/migrate';
import { databaseTargets } from '../helpers/databases';

// What Prisma's PostgreSQL connector creates for each scalar type (information_schema data_type / udt_name).
const PG_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'int4',
  BigInt: 'int8',
  Float: 'float8',
  Boolean: 'bool',
  DateTime: 'timestamptz',
  Json: 'jsonb',
  Decimal: 'numeric',
  Bytes: 'bytea',
};

interface ColumnRow {
  table_name: string;
  column_name: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  datetime_precision: number | null;
}

async function expectedSchema() {
  const dmmf = await getDMMF({ datamodel: readFileSync(path.resolve(__dirname, '../../prisma/schema.prisma'), 'utf8') });
  const tables = new Map<string, Map<string, { udt: string; nullable: boolean; precision?: number }>>();
  const tableOf = new Map<string, string>();
  const columnOf = new Map<string, string>();
  for (const model of dmmf.datamodel.models) {
    const table = model.dbName ?? model.name;
    tableOf.set(model.name, table);
    const columns = new Map<string, { udt: string; nullable: boolean; precision?: number }>();
    for (const field of model.fields) {
      if (field.kind === 'object') continue;
      const column = field.dbName ?? field.name;
      columnOf.set(`${model.name}.${field.name}`, column);
      const base = field.kind === 'enum' ? field.type : PG_TYPES[field.type];
      const native = field.nativeType as [string, string[]] | null | undefined;
      columns.set(column, {
        udt: field.isList ? `_${base}` : base,
        // Prisma creates list columns without NOT NULL.
        nullable: field.isList || !field.isRequired,
        ...(field.type === 'DateTime' ? { precision: native?.[1]?.[0] ? Number(native[1][0]) : 3 } : {}),
      });
    }
    tables.set(table, columns);
  }
  const indexes = new Set<string>();
  for (const index of dmmf.datamodel.indexes) {
    const table = tableOf.get(index.model)!;
    const cols = index.fields.map((f) => columnOf.get(`${index.model}.${f.name}`)).join(',');
    indexes.add(`${table}(${cols})${index.type === 'normal' ? '' : ' unique'}`);
  }
  const foreignKeys = new Set<string>();
  for (const model of dmmf.datamodel.models) {
    for (const field of model.fields) {
      if (field.kind !== 'object' || !field.relationFromFields?.length) continue;
      const cols = field.relationFromFields.map((f) => columnOf.get(`${model.name}.${f}`)).join(',');
      foreignKeys.add(`${tableOf.get(model.name)}(${cols}) -> ${tableOf.get(field.type)}`);
    }
  }
  return { tables, indexes, foreignKeys };
}

describe.each(databaseTargets())('migrations on $name', (target) => {
  it('when the SQL migrations are applied, then tables, columns, types, nullability, indexes and foreign keys match schema.prisma', async () => {
    const db = await target.open();
    try {
      const expected = await expectedSchema();
      const columns = await db.sql.query<ColumnRow>(
        `SELECT table_name, column_name, udt_name, is_nullable, datetime_precision FROM information_schema.columns
         WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations'`,
      );
      const actualTables = new Map<string, Map<string, { udt: string; nullable: boolean; precision?: number }>>();
      for (const c of columns) {
        if (!actualTables.has(c.table_name)) actualTables.set(c.table_name, new Map());
        actualTables.get(c.table_name)!.set(c.column_name, {
          udt: c.udt_name,
          nullable: c.is_nullable === 'YES',
          ...(c.udt_name === 'timestamptz' ? { precision: c.datetime_precision ?? undefined } : {}),
        });
      }
      expect(Object.fromEntries([...actualTables].map(([t, cols]) => [t, Object.fromEntries(cols)]))).toEqual(
        Object.fromEntries([...expected.tables].map(([t, cols]) => [t, Object.fromEntries(cols)])),
      );

      const indexRows = await db.sql.query<{ table: string; columns: string; is_unique: boolean }>(
        `SELECT t.relname AS table, string_agg(a.attname, ',' ORDER BY k.ord) AS columns, ix.indisunique AS is_unique
         FROM pg_index ix
         JOIN pg_class t ON t.oid = ix.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
         WHERE n.nspname = current_schema() AND t.relname <> '_prisma_migrations'
         GROUP BY t.relname, ix.indexrelid, ix.indisunique`,
      );
      expect(new Set(indexRows.map((r) => `${r.table}(${r.columns})${r.is_unique ? ' unique' : ''}`))).toEqual(expected.indexes);

      const fkRows = await db.sql.query<{ table: string; columns: string; target: string }>(
        `SELECT c.conrelid::regclass::text AS table, c.confrelid::regclass::text AS target,
                (SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum) AS columns
         FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
         WHERE c.contype = 'f' AND n.nspname = current_schema()`,
      );
      const unquote = (s: string) => s.replace(/"/g, '');
      expect(new Set(fkRows.map((r) => `${unquote(r.table)}(${r.columns}) -> ${unquote(r.target)}`))).toEqual(expected.foreignKeys);
    } finally {
      await db.close();
    }
  });

  it('when migrations run twice, then the second run applies nothing and _prisma_migrations records each once with its checksum', async () => {
    const db = await target.open();
    try {
      const again = await migrate(db.sql);
      expect(again.applied).toEqual([]);
      expect(again.alreadyApplied.length).toBeGreaterThan(0);
      const rows = await db.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
        'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
      );
      expect(rows.map((r) => r.migration_name)).toEqual(again.alreadyApplied);
      for (const row of rows) {
        expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
        expect(row.finished_at).not.toBeNull();
        expect(row.applied_steps_count).toBe(1);
      }
    } finally {
      await db.close();
    }
  });
});
