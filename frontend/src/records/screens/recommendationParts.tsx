import { Timeline } from 'antd';
import type { RenderContext } from '..';
import { date, dateTime, OverdueTag, StatusTag } from './common';
import type { Recommendation } from './recommendationActions';

export function RecommendationStatus({
  recommendation,
  ctx,
}: {
  recommendation: Recommendation;
  ctx: RenderContext;
}) {
  return (
    <>
      <StatusTag
        tone={
          recommendation.status === 'verified'
            ? 'green'
            : recommendation.status === 'done'
              ? 'blue'
              : undefined
        }
      >
        {ctx.enumLabel('recommendation_status', recommendation.status)}
      </StatusTag>
      <OverdueTag overdue={recommendation.overdue} />
    </>
  );
}

/** What happened to a recommendation, oldest first. */
export function RecommendationHistory({
  recommendation,
  ctx,
}: {
  recommendation: Recommendation;
  ctx: RenderContext;
}) {
  if (recommendation.history.length === 0) return <span>Chưa có thao tác nào.</span>;
  return (
    <Timeline
      items={recommendation.history.map((event, index) => ({
        key: index,
        content: (
          <>
            <strong>{ctx.enumLabel('recommendation_action', event.action)}</strong> —{' '}
            {ctx.enumLabel('recommendation_status', event.from_status)} →{' '}
            {ctx.enumLabel('recommendation_status', event.to_status)}, ngày {date(event.acted_on)} (
            {event.actor_name}, {dateTime(event.at)}){event.note ? `: ${event.note}` : ''}
          </>
        ),
      }))}
    />
  );
}
