/** The body of every error the API returns. `code` is stable; scripts branch on it. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: { 'zh-TW': string; en: string };
  /** Where the problem is, when it is in input: a file's row and column, or a request field. */
  details?: ErrorDetail[];
  requestId?: string;
}

export interface ErrorDetail {
  field?: string;
  file?: string;
  row?: number;
  column?: string;
  reason: string;
}
