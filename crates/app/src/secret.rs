//! Secrets: random tokens (kept only as hashes) and argon2id password hashes.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;
use sha2::{Digest, Sha256};

use crate::AppError;

/// A fresh random token of 32 bytes, hex-encoded (64 characters), for links and cookies.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex(&bytes)
}

/// The hash under which a token is stored, so a database leak yields no usable links.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Whether `s` has the shape of a token from [`new_token`]; anything else is refused early.
pub fn looks_like_token(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// argon2id with the given memory cost (KiB), two passes, one lane.
#[derive(Clone)]
pub struct PasswordHasherConfig {
    memory_kib: u32,
}

impl PasswordHasherConfig {
    pub fn new(memory_kib: u32) -> Self {
        PasswordHasherConfig {
            memory_kib: memory_kib.max(Params::MIN_M_COST),
        }
    }

    fn argon2(&self) -> Result<Argon2<'static>, AppError> {
        let params = Params::new(self.memory_kib, 2, 1, None)
            .map_err(|e| AppError::internal("argon2 params", e.to_string()))?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }

    pub fn hash(&self, password: &str) -> Result<String, AppError> {
        let mut salt = [0u8; 16];
        rand::rng().fill_bytes(&mut salt);
        let salt =
            SaltString::encode_b64(&salt).map_err(|e| AppError::internal("salt", e.to_string()))?;
        self.argon2()?
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| AppError::internal("argon2", e.to_string()))
    }

    /// Whether `password` matches `stored`. The parameters are read from the stored hash, so
    /// hashes made with other costs keep working.
    pub fn verify(&self, password: &str, stored: &str) -> bool {
        match PasswordHash::new(stored) {
            Ok(parsed) => Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok(),
            Err(_) => false,
        }
    }

    /// Spends the time of one verification, so an unknown address answers as slowly as a known one.
    pub fn waste_time(&self, password: &str) {
        let _ = self.hash(password);
    }

    /// [`Self::hash`] on a blocking thread: argon2 takes tens of milliseconds and much memory,
    /// which must not hold up the threads that serve other requests.
    pub async fn hash_off_thread(&self, password: &str) -> Result<String, AppError> {
        let (hasher, password) = (self.clone(), password.to_string());
        tokio::task::spawn_blocking(move || hasher.hash(&password))
            .await
            .map_err(|e| AppError::internal("hashing task", e))?
    }

    /// [`Self::verify`] on a blocking thread; with no stored hash it spends the same time and
    /// answers `false`, so a missing password cannot be told from a wrong one.
    pub async fn verify_off_thread(
        &self,
        password: &str,
        stored: Option<String>,
    ) -> Result<bool, AppError> {
        let (hasher, password) = (self.clone(), password.to_string());
        tokio::task::spawn_blocking(move || match stored {
            Some(hash) => hasher.verify(&password, &hash),
            None => {
                hasher.waste_time(&password);
                false
            }
        })
        .await
        .map_err(|e| AppError::internal("hashing task", e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_hex_and_hash_stably() {
        let a = new_token();
        assert!(looks_like_token(&a));
        assert_ne!(a, new_token());
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), a);
        assert!(!looks_like_token("../etc/passwd"));
    }

    #[test]
    fn argon2id_hashes_verify() {
        let hasher = PasswordHasherConfig::new(1024);
        let hash = hasher.hash("geheim").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(hasher.verify("geheim", &hash));
        assert!(!hasher.verify("Geheim", &hash));
        assert!(!hasher.verify("geheim", "not a hash"));
    }
}
