package io.github.inceptioncam.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import io.github.inceptioncam.testing.OddImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole-image size limit: where it lies, that it reads only headers, and that Fiji's region path applies it. */
class ImageLimitsTest {
	@TempDir
	Path dir;

	@Test
	void theLimitIs8192Squared() {
		assertNull(ImageLimits.check(8192, 8192));
		assertNull(ImageLimits.check(1, 1));
		assertNull(ImageLimits.check(65536, 1024)); // 67,108,864 pixels: at the limit
		assertTrue(ImageLimits.check(8193, 8192).contains("classify it in tiles"));
		assertTrue(ImageLimits.check(30_000, 30_000).startsWith("30000 x 30000 pixels is over the 67-megapixel limit"));
		assertTrue(ImageLimits.check(Integer.MAX_VALUE + 1L, 1).contains("tiles"));
		assertEquals("the image is empty (0 x 0 pixels)", ImageLimits.check(0, 0));
		assertThrows(IllegalArgumentException.class, () -> ImageLimits.require(8193, 8193));
	}

	@Test
	void headersAreReadWithoutDecoding() throws IOException {
		Path png = Files.write(dir.resolve("huge.png"), OddImages.png(30_000, 30_000, 0, false));
		assertArrayEquals(new long[] {30_000, 30_000}, ImageFiles.headerSize(png));
		Path zero = Files.write(dir.resolve("zero.png"), OddImages.png(0, 0, 0, true));
		assertArrayEquals(new long[] {0, 0}, ImageFiles.headerSize(zero));
		Path tif = Files.write(dir.resolve("huge.tif"), OddImages.tiffHeader(30_000, 20_000));
		assertArrayEquals(new long[] {30_000, 20_000}, ImageFiles.headerSize(tif));
		Path small = dir.resolve("small.jpg");
		new FileSaver(new ImagePlus("s", new ByteProcessor(33, 21))).saveAsJpeg(small.toString());
		assertArrayEquals(new long[] {33, 21}, ImageFiles.headerSize(small));
		IOException e = assertThrows(IOException.class, () -> ImageFiles.read(tif, "huge.tif"));
		assertTrue(e.getMessage().contains("over the 67-megapixel limit"), e.getMessage());
		e = assertThrows(IOException.class, () -> ImageFiles.read(png, "huge.png"));
		assertTrue(e.getMessage().contains("classify it in tiles"), e.getMessage());
	}

	@Test
	void anOpenImageOverTheLimitIsRefusedBeforeItsFloatCopy() {
		// 8,200 x 8,200 8-bit (67 MB): its float planes would take 269 MB
		ImagePlus imp = new ImagePlus("big", new ByteProcessor(8200, 8200));
		IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ImageInputs.fromImagePlus(imp, "big"));
		assertTrue(e.getMessage().startsWith("big: 8200 x 8200 pixels is over the 67-megapixel limit"), e.getMessage());
		// a selection within the limit is classified
		imp.setRoi(0, 0, 4000, 3000);
		assertEquals(4000, ImageInputs.fromImagePlus(imp, "big").width());
	}
}
