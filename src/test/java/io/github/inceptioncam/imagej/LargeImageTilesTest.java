package io.github.inceptioncam.imagej;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 20,000 x 20,000 8-bit image (400 MB) in tiles mode within a 2 GB heap, in a child JVM: the windows
 * are read lazily from the image, the blended map is kept at 1/5 resolution. A full-size float copy of
 * the image alone (1.6 GB) beside its pixels would not fit.
 */
class LargeImageTilesTest {
	@TempDir
	Path tmp;

	static String value(String out, String key) {
		for (String line : out.split("\n")) if (line.startsWith(key + " ")) return line.substring(key.length() + 1).trim();
		return null;
	}

	@Test
	void aTwentyThousandPixelSquareImageIsTiledInATwoGigabyteHeap() throws Exception {
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		Path log = tmp.resolve("out.txt");
		Process p = new ProcessBuilder(List.of(java, "-Xmx2g", "-Djava.awt.headless=true", "-cp", cp, BigImageTiles.class.getName(),
			"20000", "256")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		boolean finished = p.waitFor(900, TimeUnit.SECONDS);
		if (!finished) p.destroyForcibly().waitFor();
		String out = Files.readString(log, StandardCharsets.UTF_8);
		assertTrue(finished, "the run did not finish: " + out.substring(Math.max(0, out.length() - 2000)));
		assertEquals(0, p.exitValue(), out);
		assertFalse(out.contains("OutOfMemoryError"), out);
		assertEquals("79 79", value(out, "GRID"), out);
		assertEquals("6241", value(out, "WINDOWS"), out);
		assertEquals("6241", value(out, "TABLE"), out);
		assertEquals("4000 4000 5", value(out, "MAP"), out);
		String[] agree = value(out, "AGREE").split(" ");
		int k = Integer.parseInt(agree[0]), n = Integer.parseInt(agree[1]);
		assertEquals(78 * 78, n);
		assertTrue(k >= 0.95 * n, k + " of " + n + " quadrant windows got their quadrant's class");
		assertTrue(Long.parseLong(value(out, "MAX_HEAP_MB")) <= 2048, out);
		assertFalse(out.contains("PIXELS CHANGED"), out);
		System.out.println("LargeImageTilesTest: " + value(out, "SECONDS") + " s, peak heap " + value(out, "PEAK_HEAP_MB") + " MB");
	}
}
