//! Blob storage for attachments. The embedded default is a folder under the data directory; the
//! interface is what an object store (S3) adapter implements for scale-out. Keys are random
//! tokens chosen here, never names from users.

use std::path::PathBuf;

use async_trait::async_trait;

use crate::AppError;

#[async_trait]
pub trait BlobStore: Send + Sync {
    /// Keeps `bytes` under `key`; the blob is complete or absent, never half-written.
    async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), AppError>;
    /// The bytes under `key`; `NotFound` when there are none.
    async fn get(&self, key: &str) -> Result<Vec<u8>, AppError>;
    /// Removes `key`; removing what is not there is fine.
    async fn delete(&self, key: &str) -> Result<(), AppError>;
}

/// A new random key for a blob.
pub fn new_key() -> String {
    crate::secret::new_token()
}

/// Blobs as files in a folder, spread over subfolders by the key's first two characters.
pub struct FolderBlobs {
    root: PathBuf,
}

impl FolderBlobs {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        FolderBlobs { root: root.into() }
    }

    fn path(&self, key: &str) -> Result<PathBuf, AppError> {
        // Keys come from `new_key`; anything else could climb out of the folder.
        if !crate::secret::looks_like_token(key) {
            return Err(AppError::NotFound);
        }
        Ok(self.root.join(&key[..2]).join(key))
    }
}

fn io(e: std::io::Error) -> AppError {
    AppError::internal("blob storage", e)
}

#[async_trait]
impl BlobStore for FolderBlobs {
    async fn put(&self, key: &str, bytes: &[u8]) -> Result<(), AppError> {
        let path = self.path(key)?;
        let folder = path.parent().ok_or(AppError::NotFound)?;
        tokio::fs::create_dir_all(folder).await.map_err(io)?;
        // Written aside and renamed, so a crash never leaves a truncated file under the key.
        let partial = path.with_extension("partial");
        tokio::fs::write(&partial, bytes).await.map_err(io)?;
        tokio::fs::rename(&partial, &path).await.map_err(io)
    }

    async fn get(&self, key: &str) -> Result<Vec<u8>, AppError> {
        match tokio::fs::read(self.path(key)?).await {
            Ok(bytes) => Ok(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(AppError::NotFound),
            Err(e) => Err(io(e)),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), AppError> {
        match tokio::fs::remove_file(self.path(key)?).await {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(e)),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn blobs_round_trip_and_foreign_keys_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = FolderBlobs::new(dir.path());
        let key = new_key();
        blobs.put(&key, b"schermafdruk").await.unwrap();
        assert_eq!(blobs.get(&key).await.unwrap(), b"schermafdruk");
        blobs.delete(&key).await.unwrap();
        blobs.delete(&key).await.unwrap();
        assert!(matches!(blobs.get(&key).await, Err(AppError::NotFound)));
        for bad in ["../../etc/passwd", "", "ab"] {
            assert!(blobs.put(bad, b"x").await.is_err(), "{bad}");
        }
    }
}
