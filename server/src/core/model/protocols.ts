/** Protocols that encrypt in transit, and ones that never do; anything else is unknown. */
const encrypting = new Set(['https', 'tls', 'mtls', 'ssh', 'sftp', 'wss', 'grpcs', 'ftps', 'smtps', 'imaps', 'ldaps', 'amqps', 'mqtts', 'dtls', 'ipsec', 'wireguard', 'scp']);
const plaintext = new Set(['http', 'ftp', 'telnet', 'ws', 'smtp', 'ldap', 'mqtt', 'tftp', 'snmp', 'rsh', 'rlogin']);

/** Whether a flow over this protocol is encrypted in transit: true, false, or undefined when it cannot be told. */
export function inferEncryption(protocol: string | undefined): boolean | undefined {
  if (protocol === undefined) return undefined;
  const name = protocol.trim().toLowerCase();
  if (encrypting.has(name)) return true;
  if (plaintext.has(name)) return false;
  return undefined;
}
