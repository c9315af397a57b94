// Photo uploads with progress (fetch cannot report upload progress; XMLHttpRequest can), and the checks
// a shopper should hear about before waiting for an upload: type and size.
import { ApiError } from "./api.ts";

export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp", "image/gif", "image/heic", "image/heif"];
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** Why a file cannot be sent, or null when it may be. The server checks the bytes again. */
export function photoProblem(file: File): string | null {
  const byName = /\.(jpe?g|png|webp|gif|heic|heif)$/i.test(file.name);
  if (!PHOTO_TYPES.includes(file.type) && !byName)
    return `${file.name} is not a photo (JPEG, PNG, WebP, GIF or HEIC).`;
  if (file.size > MAX_PHOTO_BYTES) return `${file.name} is larger than 10 MB. Send a smaller photo.`;
  if (file.size === 0) return `${file.name} is empty.`;
  return null;
}

export function uploadForm<T>(
  url: string,
  form: FormData,
  token: string | null,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("accept", "application/json");
    if (token) xhr.setRequestHeader("authorization", `Bearer ${token}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () =>
      reject(new ApiError(0, "NETWORK", "The upload was interrupted. Check your connection and try again."));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as T);
        return;
      }
      const err = (body as { error?: { code: string; message: string; details?: unknown } } | null)?.error;
      reject(
        new ApiError(
          xhr.status,
          err?.code ?? `HTTP_${xhr.status}`,
          err?.message ?? "The upload failed.",
          err?.details,
        ),
      );
    };
    xhr.send(form);
  });
}
