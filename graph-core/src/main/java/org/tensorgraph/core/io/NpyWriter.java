package org.tensorgraph.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.CRC32;
import org.tensorgraph.core.DType;
import org.tensorgraph.core.Tensor;

/** Writes a Tensor as numpy's {@code np.save} does: v1.0 header, C order, little-endian. */
final class NpyWriter {
  private static final int CHUNK = NpyReader.CHUNK;

  private NpyWriter() {}

  /**
   * Refuses what a {@code .npy} cannot hold, before any file is touched.
   *
   * @throws IllegalArgumentException for a variant tensor or a rank numpy cannot load
   */
  static void checkWritable(Tensor t, String what) {
    if (t == null) {
      throw new IllegalArgumentException(what + " is null");
    }
    if (t.dtype() == DType.VARIANT) {
      throw new IllegalArgumentException(what + " has dtype variant, which has no .npy form; "
          + "supported: float32, float64, int32, int64, bool");
    }
    if (t.rank() > NpyHeader.MAX_RANK) {
      throw new IllegalArgumentException(what + " has rank " + t.rank() + "; numpy reads at most "
          + NpyHeader.MAX_RANK + " dimensions");
    }
  }

  static byte[] preamble(Tensor t) {
    return NpyHeader.preamble(t.dtype(), t.shape().dims());
  }

  /** The size of the whole {@code .npy} file for {@code t}. */
  static long fileSize(Tensor t) {
    return preamble(t).length + (long) t.size() * t.dtype().byteSize();
  }

  /** Streams the file to {@code out} in bounded chunks; does not close it. */
  static void write(Tensor t, OutputStream out) throws IOException {
    out.write(preamble(t));
    int itemSize = t.dtype().byteSize();
    int perChunk = CHUNK / itemSize;
    int n = t.size();
    byte[] buf = new byte[(int) Math.min(CHUNK, (long) n * itemSize)];
    for (int done = 0; done < n; done += perChunk) {
      int count = Math.min(perChunk, n - done);
      NpyData.encode(t.rawData(), t.dtype(), done, count, buf, 0);
      out.write(buf, 0, count * itemSize);
    }
  }

  /** The CRC-32 of the file {@link #write} produces, as a stored zip entry needs up front. */
  static long crc32(Tensor t) throws IOException {
    CRC32 crc = new CRC32();
    write(t, new OutputStream() {
      @Override
      public void write(int b) {
        crc.update(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        crc.update(b, off, len);
      }
    });
    return crc.getValue();
  }

  /** The whole file in one array. */
  static byte[] toBytes(Tensor t) {
    byte[] pre = preamble(t);
    long size = pre.length + (long) t.size() * t.dtype().byteSize();
    if (size > Tensor.MAX_ELEMENTS) {
      throw new IllegalArgumentException("A tensor of shape " + t.shape() + " and dtype "
          + t.dtype().numpyName() + " needs " + size + " bytes, more than one byte[] holds; "
          + "write it to a file with Npy.write");
    }
    byte[] out = new byte[(int) size];
    System.arraycopy(pre, 0, out, 0, pre.length);
    NpyData.encode(t.rawData(), t.dtype(), 0, t.size(), out, pre.length);
    return out;
  }
}
