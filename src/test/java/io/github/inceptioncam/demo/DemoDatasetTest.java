package io.github.inceptioncam.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data set: balanced classes, independent of count and threads, calibrated 16-bit TIFFs and a matching labels.csv. */
class DemoDatasetTest {
	private static final List<DemoClass> ALL = Arrays.asList(DemoClass.values());

	@TempDir
	Path dir;

	@Test
	void classesAreBalancedInEveryBlock() {
		DemoDataset ds = new DemoDataset(new FieldGenerator(128), 9, ALL, 0.325);
		Map<DemoClass, Integer> n = new EnumMap<>(DemoClass.class);
		for (int i = 0; i < 400; i++) n.merge(ds.classOf(i), 1, Integer::sum);
		for (DemoClass c : DemoClass.values()) assertEquals(100, n.get(c), c.label());
		for (int block = 0; block < 100; block++) {
			EnumSet<DemoClass> seen = EnumSet.noneOf(DemoClass.class);
			for (int j = 0; j < 4; j++) seen.add(ds.classOf(4 * block + j));
			assertEquals(4, seen.size());
		}
		boolean shuffled = false;
		for (int i = 4; i < 400 && !shuffled; i++) shuffled = ds.classOf(i) != ds.classOf(i % 4);
		assertTrue(shuffled, "class order is not the same in every block");
		DemoDataset two = new DemoDataset(new FieldGenerator(128), 9, List.of(DemoClass.MITOSIS, DemoClass.INTERPHASE), 0.325);
		for (int i = 0; i < 10; i++) assertTrue(EnumSet.of(DemoClass.MITOSIS, DemoClass.INTERPHASE).contains(two.classOf(i)));
	}

	@Test
	void badSettingsAreRefused() {
		FieldGenerator g = new FieldGenerator(128);
		assertThrows(IllegalArgumentException.class, () -> new DemoDataset(g, 1, List.of(), 0.325));
		assertThrows(IllegalArgumentException.class, () -> new DemoDataset(g, 1, List.of(DemoClass.MITOSIS, DemoClass.MITOSIS), 0.325));
		assertThrows(IllegalArgumentException.class, () -> new DemoDataset(g, 1, ALL, 0));
		assertThrows(IllegalArgumentException.class, () -> DemoClass.parse("prophase"));
		assertEquals(DemoClass.APOPTOSIS, DemoClass.parse(" Apoptosis "));
	}

	@Test
	void filesDoNotDependOnThreadsOrCount() throws Exception {
		DemoDataset ds = new DemoDataset(new FieldGenerator(96), 77, ALL, 0.325);
		Path one = dir.resolve("one"), three = dir.resolve("three"), longer = dir.resolve("longer");
		ds.write(one, 6, 1);
		ds.write(three, 6, 3);
		ds.write(longer, 9, 2);
		List<String> files = List.of("labels.csv", "field_00000.tif", "field_00003.tif", "field_00005.tif");
		for (String f : files) assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(three.resolve(f)), f);
		for (int i = 0; i < 6; i++) {
			String f = DemoDataset.fileName(i, 6);
			assertArrayEquals(Files.readAllBytes(one.resolve(f)), Files.readAllBytes(longer.resolve(f)), f);
		}
		List<String> a = Files.readAllLines(one.resolve("labels.csv")), b = Files.readAllLines(longer.resolve("labels.csv"));
		assertEquals(a, b.subList(0, a.size()));
	}

	@Test
	void tiffsAreCalibrated16BitAndMatchLabels() throws Exception {
		DemoDataset ds = new DemoDataset(new FieldGenerator(256), 3, ALL, 0.325);
		Map<DemoClass, Integer> perClass = ds.write(dir, 8, 2);
		for (DemoClass c : DemoClass.values()) assertEquals(2, perClass.get(c));
		List<String> lines = Files.readAllLines(dir.resolve(DemoDataset.LABELS), StandardCharsets.UTF_8);
		assertEquals(DemoDataset.HEADER, lines.get(0));
		assertEquals(9, lines.size());
		for (int i = 0; i < 8; i++) {
			String[] row = lines.get(i + 1).split(",", -1);
			assertEquals(6, row.length, lines.get(i + 1));
			assertEquals(String.format("field_%05d.tif", i), row[0]);
			Field f = ds.field(i);
			assertEquals(f.label().label(), row[1]);
			int[] b = f.box();
			if (b == null) {
				assertEquals("interphase", row[1]);
				for (int k = 2; k < 6; k++) assertEquals("", row[k]);
			} else {
				for (int k = 0; k < 4; k++) assertEquals(b[k], Integer.parseInt(row[k + 2]));
			}
			ImagePlus imp = IJ.openImage(dir.resolve(row[0]).toString());
			assertNotNull(imp, row[0]);
			assertEquals(16, imp.getBitDepth());
			assertEquals(256, imp.getWidth());
			assertEquals(256, imp.getHeight());
			assertEquals(0.325, imp.getCalibration().pixelWidth, 1e-6);
			assertEquals(0.325, imp.getCalibration().pixelHeight, 1e-6);
			assertEquals("µm", imp.getCalibration().getUnit());
			assertTrue(imp.getCalibration().scaled());
			assertArrayEquals(f.pixels(), (short[]) imp.getProcessor().getPixels());
			assertTrue(imp.getInfoProperty().contains("class: " + f.label().label()));
		}
	}

	@Test
	void namesArePadded() {
		assertEquals("field_00000.tif", DemoDataset.fileName(0, 400));
		assertEquals("field_00399.tif", DemoDataset.fileName(399, 400));
		assertEquals("field_123456.tif", DemoDataset.fileName(123456, 200000));
		assertEquals("field_000007.tif", DemoDataset.fileName(7, 200000));
	}
}
