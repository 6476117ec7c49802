import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { type ImportKindName, uploadImport } from '../../api/endpoints';
import { queryKeys } from '../../api/queryKeys';
import type { ImportKind, ImportReport } from '../../api/types';

interface Upload {
  kind: ImportKind;
  file: File;
  dryRun: boolean;
}

/**
 * Choose a kind, give a file: it is checked at once (a dry run); once it has no error row,
 * the same file can be committed.
 */
export function useImportFlow() {
  const queryClient = useQueryClient();
  const [kind, setKindState] = useState<ImportKind | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);

  const upload = useMutation({
    // The server lists only kinds its import routes accept.
    mutationFn: ({ kind: chosen, file: sheet, dryRun }: Upload) =>
      uploadImport(chosen.name as ImportKindName, sheet, dryRun),
    onSuccess: (answer) => setReport(answer),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.importsAll }),
  });

  function reset() {
    upload.reset();
    setReport(null);
  }

  return {
    kind,
    file,
    report,
    uploading: upload.isPending,
    committing: upload.isPending && upload.variables?.dryRun === false,
    error: upload.error,
    canCommit: report !== null && report.dry_run && report.failed === 0 && report.rows > 0,
    setKind(next: ImportKind | null) {
      setKindState(next);
      setFile(null);
      reset();
    },
    check(sheet: File) {
      if (!kind) return;
      setFile(sheet);
      reset();
      upload.mutate({ kind, file: sheet, dryRun: true });
    },
    commit() {
      if (kind && file) upload.mutate({ kind, file, dryRun: false });
    },
  };
}
