package io.github.inceptioncam.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.inceptioncam.cam.BoxMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {
	@TempDir
	Path dir;

	@Test
	void iouOfKnownBoxes() {
		assertEquals(1.0, BoxMetrics.iou(new int[] {2, 3, 4, 5}, new int[] {2, 3, 4, 5}), 1e-12);
		assertEquals(50.0 / 150.0, BoxMetrics.iou(new int[] {0, 0, 10, 10}, new int[] {5, 0, 10, 10}), 1e-12);
		assertEquals(0.0, BoxMetrics.iou(new int[] {0, 0, 2, 2}, new int[] {2, 2, 2, 2}), "touching corners do not overlap");
		assertEquals(0.0, BoxMetrics.iou(null, new int[] {0, 0, 2, 2}));
		assertEquals(4.0 / 16.0, BoxMetrics.iou(new int[] {0, 0, 4, 4}, new int[] {1, 1, 2, 2}), 1e-12);
	}

	@Test
	void pointingGameUsesTheFirstMaximum() {
		double[] map = {0, 1, 0, 0, 0, 1};
		assertTrue(BoxMetrics.pointingHit(map, 3, new int[] {1, 0, 1, 1}));
		assertFalse(BoxMetrics.pointingHit(map, 3, new int[] {2, 1, 1, 1}));
		assertFalse(BoxMetrics.pointingHit(map, 3, null));
	}

	@Test
	void accuracyConfusionAndLocalisationCounts() {
		Evaluation e = new Evaluation(List.of("a", "b", "c"));
		e.addClassification(0, 0);
		e.addClassification(1, 2);
		e.addClassification(2, 2);
		e.addClassification(2, 2);
		assertEquals(0.75, e.accuracy(), 1e-12);
		assertArrayEquals(new long[] {0, 0, 1}, e.confusion()[1]);
		assertArrayEquals(new long[] {0, 0, 2}, e.confusion()[2]);
		double[] map = {0, 0, 0, 5};
		e.addLocalisation(map, 2, new int[] {1, 1, 1, 1}, new int[] {1, 1, 1, 1});
		e.addLocalisation(map, 2, new int[] {0, 0, 2, 2}, new int[] {0, 0, 1, 1});
		e.addMissedLocalisation();
		assertEquals(3, e.boxes());
		assertEquals(1.0 / 3, e.pointingGame(), 1e-12);
		assertEquals(1.0 / 3, e.boxIou50(), 1e-12);
		assertEquals((1 + 0.25) / 3, e.meanIou(), 1e-12);
		assertTrue(Double.isNaN(new Evaluation(List.of("a")).accuracy()));
	}

	@Test
	void labelsCsvWithQuotesAndOptionalBoxes() throws Exception {
		Path csv = Files.write(dir.resolve("labels.csv"), ("image,label,x,y,w,h\n"
			+ "a.tif,mitosis,1,2,3,4\n\"b, c.tif\",interphase,,,,\nd.tif,apoptosis\n").getBytes(StandardCharsets.UTF_8));
		List<Annotation> rows = LabelsCsv.read(csv);
		assertEquals(3, rows.size());
		assertArrayEquals(new int[] {1, 2, 3, 4}, rows.get(0).box());
		assertEquals("b, c.tif", rows.get(1).image());
		assertNull(rows.get(1).box());
		assertNull(rows.get(2).box());
		Files.write(csv, "file,class\na,b\n".getBytes(StandardCharsets.UTF_8));
		IOException e = assertThrows(IOException.class, () -> LabelsCsv.read(csv));
		assertTrue(e.getMessage().contains("header"), e.getMessage());
		Files.write(csv, "image,label,x,y,w,h\na.tif,m,1,2,x,4\n".getBytes(StandardCharsets.UTF_8));
		e = assertThrows(IOException.class, () -> LabelsCsv.read(csv));
		assertTrue(e.getMessage().contains("line 2"), e.getMessage());
	}
}
