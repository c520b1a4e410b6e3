package io.skysync.client.index;

import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.Snapshot;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * One index row as one value (schema 2, docs/performance.md "No-op and start-up"): reading a column
 * from SQLite crosses into native code, and a no-op reads every row, so a row is one blob instead of
 * thirteen columns, its path included (the path column is the key, never read back). A synced row
 * holds one content three times (scan, ancestor, remote) and one version twice: each is written
 * once, and read back as one object, which a no-op of a large tree holds for every file.
 *
 * <p>Layout: the format (1), flags, how the ancestor's and the remote's hashes are given; the path;
 * the name on disk if it differs; the scan's size, time, file key and hash; the ancestor's version
 * and hash; the remote's version (if it differs), hash, size, time. Numbers are unsigned LEB128
 * varints (times zig-zag first), strings UTF-8 after their length, hashes their 32 bytes.
 */
final class RowCodec {
    static final int FORMAT = 1;
    private static final int LOCAL = 1;
    private static final int OWN_NAME = 2;
    private static final int FILE_KEY = 4;
    private static final int REMOTE_VERSION = 8;
    private static final int EXEC_KNOWN = 16;
    private static final int EXEC = 32;
    /** How the ancestor's and the remote's hash are given (two bits each). */
    private static final int NO_HASH = 0;
    private static final int LOCAL_HASH = 1;
    private static final int SYNCED_HASH = 2;
    private static final int OWN_HASH = 3;
    private static final int HASH_BYTES = 32;
    /**
     * The versions most rows hold, one object each: a version is a value, and a row's own copy of
     * version 1 is 24 bytes of every file a large tree's run holds to its end.
     */
    private static final FileVersion[] SMALL_VERSIONS = new FileVersion[256];

    static {
        for (int v = 0; v < SMALL_VERSIONS.length; v++) {
            SMALL_VERSIONS[v] = FileVersion.of(v);
        }
    }

    private RowCodec() {
    }

    static byte[] encode(IndexRow row) {
        LocalStat local = row.local();
        Snapshot synced = row.synced();
        RemoteFile remote = row.remote();
        ContentHash localHash = row.localHash();
        boolean ownName = !row.localName().equals(row.path().value());
        boolean remoteVersion = !remote.version().equals(synced.version());
        Boolean exec = remote.executable();
        int flags = (local != null ? LOCAL : 0) | (ownName ? OWN_NAME : 0)
                | (local != null && local.fileKey() != null ? FILE_KEY : 0) | (remoteVersion ? REMOTE_VERSION : 0)
                | (exec != null ? EXEC_KNOWN : 0) | (Boolean.TRUE.equals(exec) ? EXEC : 0);
        int syncedCode = code(synced.content(), localHash, null);
        int remoteCode = code(remote.hash(), localHash, synced.content());
        Out out = new Out();
        out.write(FORMAT);
        out.write(flags);
        out.write(syncedCode | remoteCode << 2);
        out.string(row.path().value());
        if (ownName) {
            out.string(row.localName());
        }
        if (local != null) {
            out.varint(local.size());
            out.varint(zigZag(local.mtimeNanos()));
            if (local.fileKey() != null) {
                out.string(local.fileKey());
            }
            out.write(local.hash().bytes(), 0, HASH_BYTES);
        }
        out.varint(synced.version().value());
        if (syncedCode == OWN_HASH) {
            out.write(synced.content().bytes(), 0, HASH_BYTES);
        }
        if (remoteVersion) {
            out.varint(remote.version().value());
        }
        if (remoteCode == OWN_HASH) {
            out.write(remote.hash().bytes(), 0, HASH_BYTES);
        }
        out.varint(remote.size());
        out.varint(zigZag(remote.mtimeMillis()));
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException if {@code bytes} is not a row of this format (a damaged index) */
    static IndexRow decode(byte[] bytes) {
        In in = new In(bytes);
        if (in.u8() != FORMAT) {
            throw new IllegalArgumentException("an index row of an unknown format");
        }
        int flags = in.u8();
        int codes = in.u8();
        String path = in.string();
        String localName = (flags & OWN_NAME) != 0 ? nameOf(path, in.string()) : path;
        LocalStat local = null;
        if ((flags & LOCAL) != 0) {
            long size = in.varint();
            long mtime = unZigZag(in.varint());
            String fileKey = (flags & FILE_KEY) != 0 ? in.string() : null;
            local = new LocalStat(size, mtime, fileKey, in.hash());
        }
        ContentHash localHash = local == null ? null : local.hash();
        FileVersion syncedVersion = version(in.varint());
        ContentHash syncedHash = hash(codes & 3, in, localHash, null);
        FileVersion remoteVersion = (flags & REMOTE_VERSION) != 0 ? version(in.varint()) : syncedVersion;
        ContentHash remoteHash = hash(codes >> 2 & 3, in, localHash, syncedHash);
        long remoteSize = in.varint();
        long remoteMtime = unZigZag(in.varint());
        if (!in.atEnd()) {
            throw new IllegalArgumentException("an index row with bytes after its end");
        }
        Boolean exec = (flags & EXEC_KNOWN) == 0 ? null : (flags & EXEC) != 0;
        return new IndexRow(VaultPath.of(path), localName, local, new Snapshot(syncedVersion, syncedHash),
                new RemoteFile(remoteVersion, remoteHash, remoteSize, remoteMtime, exec));
    }

    /**
     * {@code localName} if it is the name on disk of {@code path} (the same text, or one whose NFC is
     * it, as the scan names an NFD name or another canonically equivalent one):
     * the name a row's deletes and writes go to is never another file's.
     *
     * @throws IllegalArgumentException if it is not (a damaged or edited index)
     */
    static String nameOf(String path, String localName) {
        if (!localName.equals(path) && !Normalizer.normalize(localName, Normalizer.Form.NFC).equals(path)) {
            throw new IllegalArgumentException("an index row whose name on disk is not the name of its path " + path);
        }
        return localName;
    }

    /** @throws io.skysync.error.SkysyncException for a number no version has (negative: a damaged row) */
    static FileVersion version(long value) {
        return value >= 0 && value < SMALL_VERSIONS.length ? SMALL_VERSIONS[(int) value] : FileVersion.of(value);
    }

    private static int code(ContentHash hash, ContentHash localHash, ContentHash syncedHash) {
        if (hash == null) {
            return NO_HASH;
        }
        if (hash.equals(localHash)) {
            return LOCAL_HASH;
        }
        return hash.equals(syncedHash) ? SYNCED_HASH : OWN_HASH;
    }

    private static ContentHash hash(int code, In in, ContentHash localHash, ContentHash syncedHash) {
        ContentHash hash = switch (code) {
            case NO_HASH -> null;
            case LOCAL_HASH -> localHash;
            case SYNCED_HASH -> syncedHash;
            default -> in.hash();
        };
        if (code != NO_HASH && hash == null) {
            throw new IllegalArgumentException("an index row refers to a hash it does not hold");
        }
        return hash;
    }

    private static long zigZag(long n) {
        return n << 1 ^ n >> 63;
    }

    private static long unZigZag(long n) {
        return n >>> 1 ^ -(n & 1);
    }

    private static final class Out extends ByteArrayOutputStream {
        Out() {
            super(160);
        }

        void varint(long n) {
            long rest = n;
            while ((rest & ~0x7fL) != 0) {
                write((int) (rest & 0x7f) | 0x80);
                rest >>>= 7;
            }
            write((int) rest);
        }

        void string(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varint(utf8.length);
            write(utf8, 0, utf8.length);
        }
    }

    /** Reads a row, every length checked against what is there. */
    private static final class In {
        private final byte[] bytes;
        private int at;

        In(byte[] bytes) {
            this.bytes = bytes;
        }

        int u8() {
            need(1);
            return bytes[at++] & 0xff;
        }

        long varint() {
            long n = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = u8();
                n |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return n;
                }
            }
            throw new IllegalArgumentException("an index row with an overlong number");
        }

        String string() {
            long length = varint();
            need(length);
            String s = new String(bytes, at, (int) length, StandardCharsets.UTF_8);
            at += (int) length;
            return s;
        }

        ContentHash hash() {
            need(HASH_BYTES);
            byte[] digest = new byte[HASH_BYTES];
            System.arraycopy(bytes, at, digest, 0, HASH_BYTES);
            at += HASH_BYTES;
            return ContentHash.of(digest);
        }

        boolean atEnd() {
            return at == bytes.length;
        }

        private void need(long n) {
            if (n < 0 || n > bytes.length - at) {
                throw new IllegalArgumentException("an index row cut short");
            }
        }
    }
}
