import { registerEnumType } from 'type-graphql';

export enum ImportKind {
  CUSTOMERS = 'CUSTOMERS',
  CONTACTS = 'CONTACTS',
}

export enum ImportState {
  VALIDATED = 'VALIDATED',
  COMMITTING = 'COMMITTING',
  COMMITTED = 'COMMITTED',
  FAILED = 'FAILED',
}

export enum ImportRowStatus {
  VALID = 'VALID',
  INVALID = 'INVALID',
  DUPLICATE = 'DUPLICATE',
  CREATED = 'CREATED',
  SKIPPED = 'SKIPPED',
}

registerEnumType(ImportKind, {
  name: 'ImportKind',
  description: 'What a file imports.',
  valuesConfig: { CUSTOMERS: { description: '集团客户 — group customers.' }, CONTACTS: { description: '关键人物 — key contacts of existing customers.' } },
});

registerEnumType(ImportState, {
  name: 'ImportState',
  description: 'Where an import stands.',
  valuesConfig: {
    VALIDATED: { description: 'Dry run done: nothing written yet; commit it with commitImport.' },
    COMMITTING: { description: 'Being written, batch by batch (resumes by itself after a restart).' },
    COMMITTED: { description: 'Every valid row written.' },
    FAILED: { description: 'Stopped by an error (see `failure`); commitImport resumes it with the rows not yet written.' },
  },
});

registerEnumType(ImportRowStatus, {
  name: 'ImportRowStatus',
  description: 'What became of one row of an imported file.',
  valuesConfig: {
    VALID: { description: 'Passed the dry run; written when the import is committed.' },
    INVALID: { description: 'Refused: see its problems (field and reason).' },
    DUPLICATE: { description: 'Refused as a duplicate of an existing record or of an earlier row.' },
    CREATED: { description: 'Written by the commit.' },
    SKIPPED: { description: 'Valid at the dry run, but taken by someone else before the commit reached it (a duplicate then).' },
  },
});

export enum ExportState {
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
  EXPIRED = 'EXPIRED',
}

export enum ExportFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
}

registerEnumType(ExportState, {
  name: 'ExportState',
  description: 'Where an export job stands.',
  valuesConfig: {
    RUNNING: { description: 'Being written; rowsWritten grows.' },
    DONE: { description: 'Written: download it from downloadPath with your token.' },
    FAILED: { description: 'Stopped (see failure); start a new one.' },
    EXPIRED: { description: 'Its file was deleted after the keeping time.' },
  },
});

registerEnumType(ExportFormat, {
  name: 'ExportFormat',
  description: 'File format of an export.',
  valuesConfig: { CSV: { description: 'CSV, UTF-8 with BOM (Excel reads it).' }, XLSX: { description: 'Excel workbook.' } },
});
