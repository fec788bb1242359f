import { useState } from 'react';
import { useSignedIn } from '../../session/session';

/**
 * Who reads personal data and why, sent with every such read (Simpul-Official, Simpul-Purpose):
 * the signed-in officer and the purpose chosen on the page (audited by the ministry).
 */
export function useReadAccess(initialPurpose: string) {
  const session = useSignedIn();
  const [purpose, setPurpose] = useState(initialPurpose);
  return { access: { official: session.officer, purpose }, purpose, setPurpose };
}
