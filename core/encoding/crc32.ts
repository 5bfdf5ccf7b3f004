// CRC-32 (IEEE 802.3). Used as a copy-paste checksum: it catches every burst error up to 32 bits
// and every truncation in practice, synchronously and before any network call. It is not a
// security measure; the one-time token and the initiator's key do that job.
const table = (() => {
  const entries = new Uint32Array(256);
  for (let index = 0; index < 256; index++) {
    let value = index;
    for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
    entries[index] = value >>> 0;
  }
  return entries;
})();

export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = table[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
