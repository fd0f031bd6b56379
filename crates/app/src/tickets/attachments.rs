//! Attachments of ticket messages: checking uploads (how many, how large, a usable name), keeping
//! their bytes in blob storage before the message is stored, and handing a file only to someone
//! who may see the message it came with.

use balie_domain::{
    Actor, Attachment, DomainError, NewAttachment, TicketNumber, clean_file_name, stored_type,
};
use balie_store::Tx;

use crate::audit::Audit;
use crate::blobs::new_key;
use crate::{App, AppError};

/// A file as it was uploaded.
#[derive(Debug, Clone)]
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// Files one message may carry.
pub const MAX_FILES: usize = 10;

fn refused(key: &'static str) -> AppError {
    AppError::Invalid(DomainError::on_field(key, "attachments"))
}

/// The largest picture the ticket page shows as a preview; a larger one is only downloaded.
pub const MAX_PREVIEW_BYTES: i64 = 5 * 1024 * 1024;

impl App {
    /// Checks every upload, then keeps their bytes; returns what to record with the message.
    /// Nothing is kept when one of them is refused.
    pub(crate) async fn keep_uploads(
        &self,
        uploads: &[Upload],
    ) -> Result<Vec<NewAttachment>, AppError> {
        if uploads.len() > MAX_FILES {
            return Err(refused("error-attachment-too-many"));
        }
        let mut checked = vec![];
        for upload in uploads {
            if upload.bytes.is_empty() {
                return Err(refused("error-attachment-empty"));
            }
            if upload.bytes.len() > self.config.attachment_max_bytes {
                return Err(refused("error-attachment-too-large"));
            }
            let file_name = clean_file_name(&upload.file_name)?;
            checked.push(NewAttachment {
                content_type: stored_type(&file_name, &upload.bytes).to_string(),
                file_name,
                size: upload.bytes.len() as i64,
                blob_key: new_key(),
            });
        }
        for (new, upload) in checked.iter().zip(uploads) {
            if let Err(e) = self.blobs.put(&new.blob_key, &upload.bytes).await {
                self.discard_uploads(&checked).await;
                return Err(e);
            }
        }
        Ok(checked)
    }

    /// Removes kept bytes whose message was not stored after all.
    pub(crate) async fn discard_uploads(&self, kept: &[NewAttachment]) {
        for new in kept {
            if let Err(e) = self.blobs.delete(&new.blob_key).await {
                tracing::warn!(key = %new.blob_key, error = %e, "could not remove an unused blob");
            }
        }
    }

    pub(crate) async fn record_attachments(
        &self,
        tx: &mut dyn Tx,
        ticket: balie_domain::TicketId,
        comment: balie_domain::CommentId,
        kept: &[NewAttachment],
    ) -> Result<(), AppError> {
        for new in kept {
            tx.insert_attachment(ticket, comment, new, self.now())
                .await?;
        }
        Ok(())
    }

    /// A file of a ticket and its bytes, for someone who may see the message it came with:
    /// contacts never get the files of internal notes. The download is audited.
    pub async fn attachment(
        &self,
        actor: &Actor,
        number: TicketNumber,
        id: balie_domain::AttachmentId,
    ) -> Result<(Attachment, Vec<u8>), AppError> {
        let (found, bytes) = self.attachment_bytes(actor, number, id).await?;
        // Every download is written to the audit log (H3).
        let mut tx = self.work().await?;
        tx.audit(
            Some(actor.user_id()),
            Audit::AttachmentDownloaded {
                attachment: found.id,
                file_name: &found.file_name,
            },
        )
        .await?;
        tx.commit().await?;
        Ok((found, bytes))
    }

    /// A picture's bytes for its preview on the ticket page, to whoever may see the ticket. A
    /// preview is part of reading the ticket, not a download: it is not written to the audit
    /// log, and a file larger than [`MAX_PREVIEW_BYTES`] is not previewed.
    pub async fn attachment_preview(
        &self,
        actor: &Actor,
        number: TicketNumber,
        id: balie_domain::AttachmentId,
    ) -> Result<Vec<u8>, AppError> {
        let view = self.ticket(actor, number).await?;
        let found = view.attachments.iter().find(|a| a.id == id);
        match found {
            Some(a) if a.size <= MAX_PREVIEW_BYTES => Ok(self.blobs.get(&a.blob_key).await?),
            _ => Err(AppError::NotFound),
        }
    }

    async fn attachment_bytes(
        &self,
        actor: &Actor,
        number: TicketNumber,
        id: balie_domain::AttachmentId,
    ) -> Result<(Attachment, Vec<u8>), AppError> {
        let view = self.ticket(actor, number).await?;
        let found = view
            .attachments
            .into_iter()
            .find(|a| a.id == id)
            .ok_or(AppError::NotFound)?;
        let bytes = self.blobs.get(&found.blob_key).await?;
        Ok((found, bytes))
    }
}
