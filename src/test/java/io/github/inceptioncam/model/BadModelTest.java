package io.github.inceptioncam.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto;
import io.github.inceptioncam.inference.CamEngine;
import io.github.inceptioncam.inference.DeviceChoice;
import io.github.inceptioncam.testing.OnnxBuilder;
import io.github.inceptioncam.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad model gives one clear line that names the file, the problem and what to do. */
class BadModelTest {
	@TempDir
	Path dir;

	private String failLoad(Path p) {
		ModelException e = assertThrows(ModelException.class, () -> InceptionModel.load(p, null));
		String m = e.getMessage();
		assertTrue(m.startsWith(p.toString() + ":"), "names the file: " + m);
		assertFalse(m.contains("\n"), "one line: " + m);
		return m;
	}

	private static void assertContains(String msg, String part) {
		assertTrue(msg.contains(part), "expected '" + part + "' in: " + msg);
	}

	@Test
	void garbageIsNotAnOnnxModel() throws Exception {
		Path p = Files.write(dir.resolve("junk.onnx"), "this is not protobuf at all \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1));
		assertContains(failLoad(p), "not an ONNX model");
	}

	@Test
	void emptyMissingAndFolder() throws Exception {
		assertContains(failLoad(Files.write(dir.resolve("empty.onnx"), new byte[0])), "empty");
		assertContains(failLoad(dir.resolve("missing.onnx")), "no such file");
		Path folder = Files.createDirectory(dir.resolve("folder.onnx"));
		assertContains(failLoad(folder), "is a folder");
	}

	@Test
	void twoInputsAreRefused() throws Exception {
		OnnxBuilder b = new OnnxBuilder().input("a", 1, 3, 8, 8).input("b", 1, 3, 8, 8);
		b.node("Add", new String[] {"a", "b"}, new String[] {"y"}).output("y");
		assertContains(failLoad(b.write(dir.resolve("two.onnx"))), "exactly one image input");
	}

	@Test
	void nonFloatInputIsRefused() throws Exception {
		OnnxBuilder b = new OnnxBuilder().typedInput("a", TensorProto.DataType.UINT8_VALUE, 1, 3, 8, 8);
		b.node("Cast", "a", "y", "to", 1L).output("y");
		assertContains(failLoad(b.write(dir.resolve("u8.onnx"))), "only float32 inputs");
	}

	@Test
	void nonImageInputsAreRefused() throws Exception {
		OnnxBuilder b = new OnnxBuilder().input("a", 1, 10);
		b.node("Relu", "a", "y").output("y");
		assertContains(failLoad(b.write(dir.resolve("vec.onnx"))), "4-D image input");
	}

	@Test
	void unknownOperatorFailsAtLoadWithAClearMessage() throws Exception {
		OnnxBuilder b = new OnnxBuilder().input("a", 1, 3, 8, 8);
		b.node("NoSuchOperator", "a", "y").output("y");
		Path p = b.write(dir.resolve("weird.onnx"));
		InceptionModel m = InceptionModel.load(p, null);
		ModelException e = assertThrows(ModelException.class, () -> CamEngine.load(m, DeviceChoice.CPU, null).close());
		assertTrue(e.getMessage().startsWith(p + ": ONNX Runtime cannot load the model"), e.getMessage());
		assertFalse(e.getMessage().contains("\n"));
	}

	@Test
	void labelCountMustMatchTheClasses() throws Exception {
		Path p = TestModels.build(TestModels.Head.GEMM_TORCH, 1).write(dir.resolve("m.onnx"));
		Files.write(dir.resolve("labels.txt"), "a\nb\nc\n".getBytes(StandardCharsets.UTF_8));
		assertContains(failLoad(p), "3 labels for 4 classes");
	}

	@Test
	void brokenSidecarNamesTheSidecar() throws Exception {
		Path p = TestModels.build(TestModels.Head.GEMM_TORCH, 1).write(dir.resolve("m.onnx"));
		Path side = Files.write(dir.resolve("m.json"), "{\"labels\": [\"a\", ".getBytes(StandardCharsets.UTF_8));
		ModelException e = assertThrows(ModelException.class, () -> InceptionModel.load(p, null));
		assertTrue(e.getMessage().startsWith(side + ": not valid model metadata JSON"), e.getMessage());
		Files.write(side, "{\"input\": {\"layout\": \"CHWN\"}}".getBytes(StandardCharsets.UTF_8));
		e = assertThrows(ModelException.class, () -> InceptionModel.load(p, null));
		assertTrue(e.getMessage().contains("layout must be NCHW or NHWC"), e.getMessage());
		Files.write(side, "{\"input\": {\"width\": 31}}".getBytes(StandardCharsets.UTF_8));
		e = assertThrows(ModelException.class, () -> InceptionModel.load(p, null));
		assertTrue(e.getMessage().contains("fixed at 32x24"), e.getMessage());
		Files.write(side, "{\"normalization\": {\"std\": [0]}}".getBytes(StandardCharsets.UTF_8));
		e = assertThrows(ModelException.class, () -> InceptionModel.load(p, null));
		assertTrue(e.getMessage().contains("std values must be positive"), e.getMessage());
	}
}
