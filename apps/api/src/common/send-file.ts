import type { Response } from 'express';

export interface DownloadFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** Sends a generated file as a download. */
export function sendFile(res: Response, file: DownloadFile): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
  res.send(file.body);
}
