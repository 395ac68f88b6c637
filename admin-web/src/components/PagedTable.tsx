import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';

export interface PagedTableProps<T extends { id: string }> {
  /** Prefix of the test ids: `<testId>-table` and `<testId>-total`. */
  testId: string;
  columns: ColumnsType<T>;
  rows: T[];
  total: number;
  loading: boolean;
  /** Zero-based, as the API counts pages. */
  page: number;
  size: number;
  onPageChange: (page: number, size: number) => void;
  /** When given, a click on a row opens it. */
  onOpen?: (row: T) => void;
  /** A class per row, e.g. to highlight overdue ones. */
  rowClassName?: (row: T) => string;
}

/** A server-paged list: the API's zero-based pages, a total, and rows that open on click where allowed. */
export function PagedTable<T extends { id: string }>({
  testId,
  columns,
  rows,
  total,
  loading,
  page,
  size,
  onPageChange,
  onOpen,
  rowClassName,
}: PagedTableProps<T>) {
  const { t } = useTranslation();
  return (
    <Table<T>
      rowKey="id"
      data-testid={`${testId}-table`}
      columns={columns}
      dataSource={rows}
      loading={loading}
      rowClassName={rowClassName}
      onRow={(row) =>
        onOpen
          ? {
              onClick: () => {
                onOpen(row);
              },
              style: { cursor: 'pointer' },
            }
          : {}
      }
      pagination={{
        current: page + 1,
        pageSize: size,
        total,
        showSizeChanger: true,
        showTotal: (count) => (
          <span data-testid={`${testId}-total`}>{t('common.total', { count })}</span>
        ),
        onChange: (current, pageSize) => {
          // a new page size starts again from the first page
          onPageChange(pageSize === size ? current - 1 : 0, pageSize);
        },
      }}
      scroll={{ x: 'max-content' }}
    />
  );
}
