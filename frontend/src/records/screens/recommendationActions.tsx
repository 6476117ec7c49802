import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Modal } from 'antd';
import { useState } from 'react';
import type { components } from '../../api/schema';
import { call, type FieldDef, ifMatch, RECORDS_KEY, RecordForm, useRenderContext } from '..';

export type Recommendation = components['schemas']['RecommendationRead'];
type Action = components['schemas']['RecommendationAction'];

// What every action may carry; the API says which need a note (a 422 shown under the field).
const ACTION_FIELDS: FieldDef[] = [
  { name: 'acted_on', label: 'Ngày thực hiện', kind: 'date', help: 'Để trống: hôm nay' },
  { name: 'note', label: 'Ghi chú', kind: 'textarea', maxLength: 4000 },
];

/** Only the actions the API lists in `allowed_actions`, each opening its small form. */
export function RecommendationActions({ recommendation }: { recommendation: Recommendation }) {
  const ctx = useRenderContext();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [action, setAction] = useState<Action | null>(null);
  const label = (value: string) => ctx.enumLabel('recommendation_action', value);

  return (
    <>
      {recommendation.allowed_actions.map((allowed) => (
        <Button key={allowed} size="small" onClick={() => setAction(allowed)}>
          {label(allowed)}
        </Button>
      ))}
      <Modal
        open={action !== null}
        title={action ? `${label(action)}: kiến nghị #${recommendation.id}` : ''}
        footer={null}
        onCancel={() => setAction(null)}
        destroyOnHidden
      >
        {action && (
          <RecordForm
            name={`recommendation-${action}`}
            fields={ACTION_FIELDS}
            submitLabel={label(action)}
            onSubmit={(body) =>
              call.post(
                `/api/v1/recommendations/${recommendation.id}/actions`,
                { action, ...body },
                ifMatch(recommendation.version),
              )
            }
            onSaved={() => {
              void message.success(`Đã ${label(action).toLocaleLowerCase('vi')}.`);
              setAction(null);
              void queryClient.invalidateQueries({ queryKey: RECORDS_KEY });
            }}
            onReload={() => {
              setAction(null);
              void queryClient.invalidateQueries({ queryKey: RECORDS_KEY });
            }}
            onCancel={() => setAction(null)}
          />
        )}
      </Modal>
    </>
  );
}
