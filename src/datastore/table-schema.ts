/**
 * What the datastore knows about one loaded table (one CSV, or one sheet of a workbook):
 * shared by the loader (which writes it beside the Parquet file) and the query engine.
 */

/** Column types the loader infers over the whole file. */
export type ColumnType = 'text' | 'integer' | 'decimal' | 'boolean' | 'date' | 'timestamp';

export interface ColumnSchema {
  /** Safe internal identifier used as the Parquet/SQL column name: ASCII, unique in the table (e.g. `c3`, `c3_iso`). */
  id: string;
  /** The label exactly as the source wrote it (any length, Chinese kept; merged headers joined as `parent/child`). */
  label: string;
  /** A second header row's code (bilingual headers: English code beside the Chinese label), else ''. */
  code: string;
  type: ColumnType;
  /** For an added column (e.g. the ISO date parsed from an ROC date), the id of the original column. */
  derivedFrom: string | null;
  /** How the values were written when that matters to a reader: 'percent', 'roc-date', 'thousands', ... */
  note: string;
}

export interface TableSchema {
  /** Table name within the resource: '' for a single table, else the sheet or member file name. */
  name: string;
  columns: ColumnSchema[];
  rowCount: number;
  /** Footer/footnote rows (說明, 註, 資料來源, ...) moved out of the data, in order. */
  notes: string[];
  /** Id of a boolean column flagging subtotal rows (合計, 小計, 總計), or null. */
  subtotalColumn: string | null;
  /** Encoding the bytes were decoded with (utf-8, utf-16le, big5, ...), '' for binary formats. */
  encoding: string;
  /** Format detected from the content: csv, tsv, xls, xlsx, ods, json, xml, geojson. */
  format: string;
  /** Title rows found above the header (e.g. "大專校院各校科系別概況"), in order; absent when none. */
  titles?: string[];
}
