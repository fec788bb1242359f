import { Inject, Injectable } from '@nestjs/common';
import { FieldCipher, parseEncryptionKeys } from '@simpul/privacy';
import { MinistryConfig } from '../config/ministry.config.js';

/** Where a report note lives: the AAD binds each token to its column and its row. */
export const REPORT_NOTE_AAD = 'ministry_dispatch.report_note_encrypted';

/**
 * Seals report notes, free text that may name victims or carry their phone numbers, under the
 * ministry's personal-data key (MINISTRY_PII_ENCRYPTION_KEY): at rest only encrypted.
 */
@Injectable()
export class DispatchNotes {
  private readonly cipher: FieldCipher;

  constructor(@Inject(MinistryConfig) config: MinistryConfig) {
    this.cipher = new FieldCipher(
      parseEncryptionKeys(config.MINISTRY_PII_ENCRYPTION_KEY, 'MINISTRY_PII_ENCRYPTION_KEY'),
    );
  }

  seal(note: string, dispatchId: string): string {
    return this.cipher.encrypt(note, `${REPORT_NOTE_AAD}:${dispatchId.toLowerCase()}`);
  }

  open(token: string, dispatchId: string): string {
    return this.cipher.decrypt(token, `${REPORT_NOTE_AAD}:${dispatchId.toLowerCase()}`);
  }
}
