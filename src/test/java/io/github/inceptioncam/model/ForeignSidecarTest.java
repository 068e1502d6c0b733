package io.github.inceptioncam.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.inceptioncam.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JSON file of another tool beside a model is ignored with one note; a broken sidecar of ours still fails. */
class ForeignSidecarTest {
	@TempDir
	Path dir;

	private Path model() throws Exception {
		return TestModels.build(TestModels.Head.GEMM_TORCH, 1).write(dir.resolve("mymodel.onnx"));
	}

	private void json(String name, String text) throws Exception {
		Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
	}

	private static long notes(ModelMetadata m) {
		return m.sources().stream().filter(s -> s.startsWith("ignored mymodel.json: not an Inception CAM sidecar")).count();
	}

	@Test
	void kerasToJsonBesideTheModelIsIgnoredWithOneNote() throws Exception {
		Path p = model();
		json("mymodel.json", "{\"class_name\": \"Functional\", \"config\": {\"name\": \"model\", \"layers\": [{\"class_name\": \"InputLayer\","
			+ " \"config\": {\"batch_input_shape\": [null, 299, 299, 3]}}]}, \"keras_version\": \"2.15.0\", \"backend\": \"tensorflow\"}");
		ModelMetadata m = InceptionModel.load(p, null).metadata();
		assertEquals(1, notes(m), m.sources().toString());
		assertTrue(m.labels().isEmpty());
		assertEquals(Scaling.RANGE, m.scaling());
	}

	@Test
	void arbitraryExportConfigIsIgnored() throws Exception {
		Path p = model();
		json("mymodel.json", "{\"opset\": 17, \"input\": \"images/\", \"dynamic_axes\": {\"image\": [0]}, \"exported_by\": \"export.py\"}");
		ModelMetadata m = InceptionModel.load(p, null).metadata();
		assertEquals(1, notes(m), m.sources().toString());
		json("mymodel.json", "[1, 2, 3]");
		assertEquals(1, notes(InceptionModel.load(p, null).metadata()));
		json("mymodel.json", "{\"format\": \"tf-export\", \"labels\": [\"a\", \"b\", \"c\", \"d\"]}");
		m = InceptionModel.load(p, null).metadata();
		assertEquals(1, notes(m));
		assertTrue(m.labels().isEmpty());
	}

	@Test
	void ourSidecarsAreStillRead() throws Exception {
		Path p = model();
		json("mymodel.json", "{\"labels\": [\"a\", \"b\", \"c\", \"d\"]}");
		ModelMetadata m = InceptionModel.load(p, null).metadata();
		assertEquals(List.of("a", "b", "c", "d"), m.labels());
		assertEquals(0, notes(m));
		json("mymodel.json", "{\"format\": \"inception-cam\", \"normalization\": {\"mean\": 0.5}}");
		assertEquals(0.5, InceptionModel.load(p, null).metadata().mean()[0]);
	}

	@Test
	void brokenSidecarOfOursFailsNamingTheFile() throws Exception {
		Path p = model();
		json("mymodel.json", "{\"labels\": [\"a\", \"b\", \"c\", \"d\"], \"input\": {\"layout\": \"NCWH\"}}");
		ModelException e = assertThrows(ModelException.class, () -> InceptionModel.load(p, null));
		assertTrue(e.getMessage().contains("mymodel.json") && e.getMessage().contains("layout"), e.getMessage());
		assertEquals(1, e.getMessage().split("\n").length);
		json("mymodel.json", "{\"labels\": [\"a\", \"b\", \"c\"");
		e = assertThrows(ModelException.class, () -> InceptionModel.load(p, null));
		assertTrue(e.getMessage().contains("mymodel.json"), e.getMessage());
		json("mymodel.json", "{\"format\": \"inception-cam\", \"labels\": \"a,b\"}");
		e = assertThrows(ModelException.class, () -> InceptionModel.load(p, null));
		assertTrue(e.getMessage().contains("mymodel.json"), e.getMessage());
	}
}
