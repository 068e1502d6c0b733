package io.github.inceptioncam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import io.github.inceptioncam.testing.TestModels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} on hand-made cases with known answers. The model averages a grey 12x8 input over
 * 4x4 cells (3x2 features) and scores "bright" with weight +1 and "dark" with -1. A 24x16 image with
 * one hot block in the lower-right cell gives the upsampled CAM u(x,y) = a(x) b(y) with
 * a(x) = clamp((x+0.5)/8 - 1.5, 0, 1) and b(y) = clamp((y+0.5)/8 - 0.5, 0, 1): its 20 % box is
 * x 14..23, y 6..15, i.e. {14, 6, 10, 10}, and its first maximum is at (20, 12).
 */
class EvaluateCommandTest {
	@TempDir
	Path dir;

	@Test
	void knownAccuracyPointingAndIou() throws Exception {
		Path model = TestModels.poolModel().write(dir.resolve("toy.onnx"));
		Files.write(dir.resolve("toy.json"), "{\"labels\":[\"bright\",\"dark\"]}".getBytes(StandardCharsets.UTF_8));
		Path data = Files.createDirectory(dir.resolve("data"));
		ByteProcessor bp = new ByteProcessor(24, 16);
		for (int y = 10; y <= 11; y++) for (int x = 18; x <= 19; x++) bp.set(x, y, 255);
		for (String n : new String[] {"a.tif", "b.tif", "c.tif"}) new FileSaver(new ImagePlus(n, bp)).saveAsTiff(data.resolve(n).toString());
		Files.write(data.resolve("labels.csv"), ("image,label,x,y,w,h\n"
			+ "a.tif,bright,14,6,10,10\n" // right class, pointing hit, IoU 1
			+ "b.tif,bright,0,0,5,5\n" // right class, pointing miss, IoU 0
			+ "c.tif,dark,14,6,10,10\n").getBytes(StandardCharsets.UTF_8)); // wrong class; dark map has no box
		StringWriter out = new StringWriter(), err = new StringWriter();
		int code = Main.run(new String[] {"evaluate", "--model", model.toString(), "--device", "cpu", "--json", data.toString()},
			new PrintWriter(out), new PrintWriter(err));
		assertEquals(0, code, err.toString());
		JsonObject o = JsonParser.parseString(out.toString()).getAsJsonObject();
		assertEquals(3, o.get("n").getAsInt());
		assertEquals(2.0 / 3, o.get("accuracy").getAsDouble(), 1e-12);
		assertEquals(3, o.get("n_boxes").getAsInt());
		assertEquals(1.0 / 3, o.get("pointing_game").getAsDouble(), 1e-12);
		assertEquals(1.0 / 3, o.get("box_iou50").getAsDouble(), 1e-12);
		assertEquals(1.0 / 3, o.get("mean_iou").getAsDouble(), 1e-12);
		assertEquals("[[2,0],[1,0]]", o.get("confusion").toString());

		Files.write(data.resolve("labels.csv"), "image,label\na.tif,zebra\nb.tif,bright\n".getBytes(StandardCharsets.UTF_8));
		StringWriter out2 = new StringWriter(), err2 = new StringWriter();
		int code2 = Main.run(new String[] {"evaluate", "--model", model.toString(), data.toString()}, new PrintWriter(out2), new PrintWriter(err2));
		assertEquals(1, code2);
		assertTrue(err2.toString().contains("label 'zebra' is not a class of the model"), err2.toString());
		assertTrue(out2.toString().contains("Accuracy:       1.0000"), out2.toString());
	}
}
