package io.github.inceptioncam.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ShortProcessor;
import io.github.inceptioncam.demo.DemoClass;
import io.github.inceptioncam.demo.Field;
import io.github.inceptioncam.demo.FieldGenerator;
import io.github.inceptioncam.imagej.ImagesAtTheirScaleTest;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.model.ModelException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code classify --channels} and the model's pixel size on the command line and in the metadata. */
class ChannelsAndPixelSizeCliTest {
	@TempDir
	Path dir;

	@Test
	void aCalibratedTiffAtTwiceTheModelsPixelSizeIsRescaledWithTheBoxInItsOwnPixels() throws Exception {
		Path model = ImagesAtTheirScaleTest.modelAtHalfMicron(dir);
		Field f = new FieldGenerator(200).generate(11, DemoClass.MITOSIS);
		Path tif = dir.resolve("halved.tif");
		new FileSaver(ImagesAtTheirScaleTest.halvedField(f)).saveAsTiff(tif.toString());
		io.github.inceptioncam.testing.CliRun r = CliTest.cli("classify", "--model", model.toString(), "--device", "cpu", "--json", tif.toString());
		assertEquals(0, r.code, r.err);
		assertTrue(r.err.contains("info: " + tif + ": the image's pixel size 1 \u00b5m differs from the model's 0.5 \u00b5m"), r.err);
		JsonObject o = r.json().get(0);
		JsonObject rescale = o.getAsJsonObject("rescale");
		assertEquals(2.0, rescale.get("factor").getAsDouble(), 1e-9);
		assertEquals(1.0, rescale.get("image_pixel_size").getAsDouble(), 1e-9);
		assertEquals(0.5, rescale.get("model_pixel_size").getAsDouble(), 1e-9);
		assertTrue(rescale.get("applied").getAsBoolean());
		assertEquals("1", o.get("channels").getAsString());
		assertEquals(100, o.getAsJsonArray("input_size").get(0).getAsInt());
		JsonArray b = o.getAsJsonObject("cam").getAsJsonArray("bbox");
		int[] fb = f.box();
		double cx = b.get(0).getAsInt() + b.get(2).getAsInt() / 2.0, cy = b.get(1).getAsInt() + b.get(3).getAsInt() / 2.0;
		assertTrue(cx >= fb[0] / 2.0 - 6 && cx <= (fb[0] + fb[2]) / 2.0 + 6 && cy >= fb[1] / 2.0 - 6 && cy <= (fb[1] + fb[3]) / 2.0 + 6,
			"box " + b + " on the figure " + java.util.Arrays.toString(fb) + "/2");
		assertTrue(b.get(0).getAsInt() + b.get(2).getAsInt() <= 100 && b.get(1).getAsInt() + b.get(3).getAsInt() <= 100);

		// the built-in model gives no pixel size: rescale is null
		r = CliTest.cli("classify", "--device", "cpu", "--json", tif.toString());
		assertEquals(0, r.code, r.err);
		assertTrue(r.json().get(0).get("rescale").isJsonNull());
	}

	@Test
	void channelsPickTheImageChannelAndBadListsFailOnOneLine() throws Exception {
		ImagePlus field = ImagesAtTheirScaleTest.sample("field_00001.tif");
		ImageStack st = new ImageStack(256, 256);
		ShortProcessor flat = new ShortProcessor(256, 256);
		flat.add(100);
		st.addSlice(flat);
		st.addSlice(field.getProcessor().duplicate());
		ImagePlus hs = new ImagePlus("two", st);
		hs.setDimensions(2, 1, 1);
		hs.setOpenAsHyperStack(true);
		Path two = dir.resolve("two.tif");
		new FileSaver(hs).saveAsTiff(two.toString());

		io.github.inceptioncam.testing.CliRun first = CliTest.cli("classify", "--device", "cpu", "--json", two.toString());
		assertEquals(0, first.code, first.err);
		assertTrue(first.err.contains("the image has 2 channels; the model uses channel 1"), first.err);
		assertEquals("1", first.json().get(0).get("channels").getAsString());
		io.github.inceptioncam.testing.CliRun second = CliTest.cli("classify", "--device", "cpu", "--json", "--channels", "2", two.toString());
		assertEquals(0, second.code, second.err);
		assertEquals("2", second.json().get(0).get("channels").getAsString());
		io.github.inceptioncam.testing.CliRun alone = CliTest.cli("classify", "--device", "cpu", "--json", Paths.get("sample-images", "field_00001.tif").toString());
		assertEquals(alone.json().get(0).get("top"), second.json().get(0).get("top"));
		assertFalse(first.json().get(0).get("top").equals(second.json().get(0).get("top")));

		io.github.inceptioncam.testing.CliRun bad = CliTest.cli("classify", "--device", "cpu", "--channels", "3", two.toString());
		assertEquals(1, bad.code);
		assertTrue(bad.err.trim().matches("error: .*two.tif: channels=3: the image has 2 channel\\(s\\), so there is no channel 3"), bad.err);
		io.github.inceptioncam.testing.CliRun usage = CliTest.cli("classify", "--device", "cpu", "--channels", "two", two.toString());
		assertEquals(2, usage.code);
		assertEquals(1, usage.err.trim().split("\n").length, usage.err);
	}

	@Test
	void pixelSizeComesFromTheSidecarInItsUnitAndFromBioimageIo05Axes() throws Exception {
		Path model = ImagesAtTheirScaleTest.modelAtHalfMicron(dir);
		assertArrayEquals(new double[] {0.5, 0.5}, InceptionModel.load(model, null).metadata().pixelSize(), 1e-12);
		String json = Files.readString(dir.resolve("demo.json"));
		Files.writeString(dir.resolve("demo.json"), json.replace("\"pixel_size\": 0.5, \"pixel_unit\": \"um\"", "\"pixel_size\": [325, 650], \"pixel_unit\": \"nm\""));
		assertArrayEquals(new double[] {0.325, 0.65}, InceptionModel.load(model, null).metadata().pixelSize(), 1e-12);
		Files.writeString(dir.resolve("demo.json"), json.replace("\"pixel_unit\": \"um\"", "\"pixel_unit\": \"inch\""));
		ModelException e = org.junit.jupiter.api.Assertions.assertThrows(ModelException.class, () -> InceptionModel.load(model, null));
		assertTrue(e.getMessage().contains("\"pixel_unit\" 'inch' is not a length unit"), e.getMessage());

		BioimagePackageTest t = new BioimagePackageTest();
		t.dir = dir;
		Path pkg = t.v05(dir.resolve("pkg05"));
		Path yaml = pkg.resolve("bioimageio.yaml");
		assertNull(InceptionModel.load(pkg, null).metadata().pixelSize());
		String y = Files.readString(yaml);
		Files.writeString(yaml, y.replace("{type: space, id: y, size:", "{type: space, id: y, scale: 0.2, unit: micrometer, size:")
			.replace("{type: space, id: x, size:", "{type: space, id: x, scale: 200, unit: nanometer, size:"));
		assertArrayEquals(new double[] {0.2, 0.2}, InceptionModel.load(pkg, null).metadata().pixelSize(), 1e-12);
	}
}
