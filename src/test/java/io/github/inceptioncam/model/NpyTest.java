package io.github.inceptioncam.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The .npy reader: versions 1 and 2, both byte orders, the five dtypes, and one-line refusals. */
class NpyTest {
	/** A .npy file written byte by byte as the format documents it. */
	static byte[] npy(int version, String descr, String shape, ByteOrder order, int itemSize, double... values) {
		String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }\n";
		int pre = version == 1 ? 10 : 12;
		ByteBuffer b = ByteBuffer.allocate(pre + header.length() + itemSize * values.length).order(ByteOrder.LITTLE_ENDIAN);
		b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) version, 0});
		if (version == 1) b.putShort((short) header.length());
		else b.putInt(header.length());
		b.put(header.getBytes(StandardCharsets.ISO_8859_1));
		b.order(order);
		for (double v : values) {
			switch (descr.substring(1)) {
				case "f4": b.putFloat((float) v); break;
				case "f8": b.putDouble(v); break;
				case "i4": b.putInt((int) v); break;
				case "u2": b.putShort((short) (int) v); break;
				default: b.put((byte) (int) v);
			}
		}
		return b.array();
	}

	@Test
	void readsTheSupportedTypesInBothOrdersAndVersions() {
		Npy a = Npy.read(npy(1, "<f4", "(2, 3)", ByteOrder.LITTLE_ENDIAN, 4, 1, 2, 3, 4, 5, -6.5));
		assertArrayEquals(new long[] {2, 3}, a.shape);
		assertArrayEquals(new float[] {1, 2, 3, 4, 5, -6.5f}, a.data);
		assertArrayEquals(new float[] {1.25f, -2}, Npy.read(npy(2, ">f8", "(2,)", ByteOrder.BIG_ENDIAN, 8, 1.25, -2)).data);
		assertArrayEquals(new float[] {0, 255}, Npy.read(npy(1, "|u1", "(1, 2)", ByteOrder.LITTLE_ENDIAN, 1, 0, 255)).data);
		assertArrayEquals(new float[] {65535, 7}, Npy.read(npy(1, ">u2", "(2,)", ByteOrder.BIG_ENDIAN, 2, 65535, 7)).data);
		assertArrayEquals(new float[] {-70000, 3}, Npy.read(npy(1, "<i4", "(2,)", ByteOrder.LITTLE_ENDIAN, 4, -70000, 3)).data);
		Npy w = Npy.read(Npy.writeFloat32(new long[] {1, 2, 2}, new float[] {1, 2, 3, 4}));
		assertArrayEquals(new long[] {1, 2, 2}, w.shape);
		assertArrayEquals(new float[] {1, 2, 3, 4}, w.data);
	}

	@Test
	void refusesOtherTypesFortranOrderAndDamage() {
		for (byte[] bad : new byte[][] {
				npy(1, "<i8", "(1,)", ByteOrder.LITTLE_ENDIAN, 8, 1),
				npy(1, "<f2", "(1,)", ByteOrder.LITTLE_ENDIAN, 2, 1),
				new String("{'descr': '<f4', 'fortran_order': True, 'shape': (1,), }").getBytes(StandardCharsets.ISO_8859_1),
				npy(1, "<f4", "(3,)", ByteOrder.LITTLE_ENDIAN, 4, 1, 2),
				"PK\u0003\u0004 not npy".getBytes(StandardCharsets.ISO_8859_1)}) {
			IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(bad));
			assertTrue(!e.getMessage().contains("\n"), e.getMessage());
		}
		byte[] fortran = npy(1, "<f4", "(1,)", ByteOrder.LITTLE_ENDIAN, 4, 1);
		String s = new String(fortran, StandardCharsets.ISO_8859_1).replace("False", "True ");
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Npy.read(s.getBytes(StandardCharsets.ISO_8859_1)));
		assertTrue(e.getMessage().contains("Fortran"), e.getMessage());
		e = assertThrows(IllegalArgumentException.class, () -> Npy.read(npy(1, "<i8", "(1,)", ByteOrder.LITTLE_ENDIAN, 8, 1)));
		assertTrue(e.getMessage().contains("'<i8' is not supported"), e.getMessage());
	}
}
