import { CloudUploadOutlined, SaveOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Skeleton, Typography, Upload } from 'antd';
import { useCallback } from 'react';
import { downloadImportErrors } from '../../api/endpoints';
import { errorMessage } from '../../api/problem';
import { importKindsQuery } from '../../api/queries';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { ImportHistory } from './ImportHistory';
import { importProblem } from './importProblems';
import { importableKinds } from './importPermissions';
import { ImportResult } from './ImportResult';
import { KindPicker } from './KindPicker';
import { useImportFlow } from './useImportFlow';

const ACCEPTED =
  '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export default function ImportsPage() {
  const { message } = App.useApp();
  const kinds = useQuery(importKindsQuery());
  const flow = useImportFlow();
  const offered = kinds.data ? importableKinds(kinds.data) : [];

  const kindLabel = useCallback(
    (name: string) => kinds.data?.find((kind) => kind.name === name)?.label ?? name,
    [kinds.data],
  );
  const downloadErrors = useCallback(
    (run: { id: number }) =>
      downloadImportErrors(run.id).catch((error: unknown) => message.error(errorMessage(error))),
    [message],
  );
  const problem = flow.error ? importProblem(flow.error) : null;

  return (
    <>
      <PageHeader
        title="Nhập dữ liệu từ tệp"
        subtitle="Tải lên tệp CSV (UTF-8) hoặc Excel (.xlsx): hệ thống kiểm tra trước, chỉ ghi khi bạn xác nhận."
      />
      <Flex vertical gap={16}>
        <Card title="1. Chọn loại dữ liệu" size="small">
          {kinds.isError && <QueryError error={kinds.error} onRetry={() => void kinds.refetch()} />}
          {kinds.isPending ? (
            <Skeleton active paragraph={{ rows: 1 }} />
          ) : (
            <KindPicker kinds={offered} value={flow.kind} onChange={flow.setKind} />
          )}
        </Card>

        {flow.kind && (
          <Card title="2. Tải tệp lên để kiểm tra" size="small">
            <Upload.Dragger
              accept={ACCEPTED}
              multiple={false}
              showUploadList={false}
              disabled={flow.uploading}
              beforeUpload={(file) => {
                flow.check(file);
                return false; // Sent by the import flow, not by the Upload component.
              }}
            >
              <p style={{ fontSize: 32, margin: 0 }}>
                <CloudUploadOutlined aria-hidden />
              </p>
              <p style={{ margin: '4px 0' }}>Kéo tệp vào đây, hoặc bấm để chọn tệp</p>
              <Typography.Text type="secondary">
                {flow.file ? `Tệp đã chọn: ${flow.file.name}` : 'CSV (UTF-8) hoặc Excel .xlsx'}
              </Typography.Text>
            </Upload.Dragger>
          </Card>
        )}

        {problem && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={problem.title}
            description={problem.detail}
          />
        )}

        {flow.kind && (flow.report || flow.uploading) && (
          <Card
            title={flow.report && !flow.report.dry_run ? '3. Kết quả ghi' : '3. Kết quả kiểm tra'}
            size="small"
            extra={
              flow.canCommit && (
                <Button
                  type="primary"
                  icon={<SaveOutlined aria-hidden />}
                  loading={flow.committing}
                  onClick={flow.commit}
                >
                  Ghi vào hệ thống
                </Button>
              )
            }
          >
            {flow.uploading && !flow.committing ? (
              <Skeleton active paragraph={{ rows: 2 }} />
            ) : (
              flow.report && (
                <ImportResult
                  report={flow.report}
                  columns={flow.kind.columns}
                  onDownloadErrors={downloadErrors}
                />
              )
            )}
          </Card>
        )}

        <ImportHistory kindLabel={kindLabel} onDownloadErrors={downloadErrors} />
      </Flex>
    </>
  );
}
