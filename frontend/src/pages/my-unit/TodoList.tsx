import {
  CheckCircleOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
} from '@ant-design/icons';
import { Card, Empty, Tag } from 'antd';
import styles from './TodoList.module.css';
import type { Todo } from './todos';

function TodoIcon({ severity }: { severity: Todo['severity'] }) {
  return severity === 'overdue' ? (
    <ClockCircleOutlined className={styles.overdue} aria-hidden />
  ) : (
    <ExclamationCircleOutlined className={styles.attention} aria-hidden />
  );
}

export function TodoList({ todos }: { todos: Todo[] }) {
  return (
    <Card title="Việc cần làm" size="small" role="region" aria-label="Việc cần làm">
      {todos.length === 0 ? (
        <Empty
          image={<CheckCircleOutlined className={styles.done} aria-hidden />}
          description="Đơn vị không còn việc quá hạn hay chỉ tiêu chưa đạt"
        />
      ) : (
        <ul className={styles.list}>
          {todos.map((todo) => (
            <li key={todo.key} className={styles.item}>
              <TodoIcon severity={todo.severity} />
              <div>
                <div className={styles.title}>
                  {todo.severity === 'overdue' && <Tag color="red">Quá hạn</Tag>}
                  {todo.title}
                </div>
                {todo.detail && <div className={styles.detail}>{todo.detail}</div>}
              </div>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
