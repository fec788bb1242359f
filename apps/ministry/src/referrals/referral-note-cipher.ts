import { FieldCipher, parseEncryptionKeys } from '@simpul/privacy';

/** Where a referral's note lives: the AAD binds each token to its column and its row. */
export const REFERRAL_NOTE_AAD = 'ministry_referral.note_encrypted';

/**
 * The officer's note on a referral is free text about a traveller and may name people or carry a
 * phone number: at rest it is only ever encrypted, under the ministry's personal-data key.
 */
export class ReferralNoteCipher {
  constructor(private readonly cipher: FieldCipher) {}

  static fromSettings(encryptionKey: string | undefined): ReferralNoteCipher {
    return new ReferralNoteCipher(
      new FieldCipher(parseEncryptionKeys(encryptionKey, 'MINISTRY_PII_ENCRYPTION_KEY')),
    );
  }

  seal(note: string, referralId: string): string {
    return this.cipher.encrypt(note, `${REFERRAL_NOTE_AAD}:${referralId.toLowerCase()}`);
  }

  open(token: string, referralId: string): string {
    return this.cipher.decrypt(token, `${REFERRAL_NOTE_AAD}:${referralId.toLowerCase()}`);
  }
}
