package io.github.inceptioncam.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.inceptioncam.testing.OnnxBuilder;
import io.github.inceptioncam.testing.TestModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataTest {
	@TempDir
	Path dir;

	@Test
	void defaultsAndGraphInference() throws Exception {
		InceptionModel m = InceptionModel.load(TestModels.build(TestModels.Head.GEMM_TORCH, 1).write(dir.resolve("m.onnx")), null);
		ModelMetadata md = m.metadata();
		assertEquals(TestModels.W, md.inputWidth());
		assertEquals(TestModels.H, md.inputHeight());
		assertEquals(3, md.channels());
		assertEquals(Layout.NCHW, md.layout());
		assertEquals(Scaling.RANGE, md.scaling());
		assertArrayEquals(new double[] {0, 0, 0}, md.mean());
		assertArrayEquals(new double[] {1, 1, 1}, md.std());
		assertEquals("class 2", md.label(2));
		assertNull(md.softmaxOutput());
	}

	@Test
	void dynamicSpatialSizeComesFromTheSidecarAndLayoutFromTheChannelAxis() throws Exception {
		OnnxBuilder b = new OnnxBuilder().input("x", -1, -1, -1, 1);
		b.node("Relu", "x", "y").output("y");
		Path p = b.write(dir.resolve("keras.onnx"));
		InceptionModel m = InceptionModel.load(p, null);
		assertEquals(Layout.NHWC, m.metadata().layout());
		assertEquals(1, m.metadata().channels());
		assertEquals(224, m.metadata().inputWidth(), "documented default");
		Files.write(dir.resolve("keras.json"), ("{\"name\":\"k\",\"labels\":[\"a\",\"b\"],\"input\":{\"width\":96,\"height\":64},"
			+ "\"normalization\":{\"scaling\":\"percentile\",\"percentiles\":[2,98],\"mean\":0.5,\"std\":0.25},\"output\":\"softmax\"}")
			.getBytes(StandardCharsets.UTF_8));
		ModelMetadata md = InceptionModel.load(p, null).metadata();
		assertEquals("k", md.name());
		assertEquals(List.of("a", "b"), md.labels());
		assertEquals(96, md.inputWidth());
		assertEquals(64, md.inputHeight());
		assertEquals(Scaling.PERCENTILE, md.scaling());
		assertEquals(2, md.percentileLow());
		assertEquals(98, md.percentileHigh());
		assertArrayEquals(new double[] {0.5}, md.mean());
		assertArrayEquals(new double[] {0.25}, md.std());
		assertEquals(Boolean.TRUE, md.softmaxOutput());
	}

	@Test
	void prioritySidecarOverMetadataPropsOverLabelsTxt() throws Exception {
		OnnxBuilder b = TestModels.build(TestModels.Head.GEMM_TORCH, 1);
		Path p = b.write(dir.resolve("m.onnx"));
		Files.write(dir.resolve("labels.txt"), "t0\nt1\nt2\nt3\n".getBytes(StandardCharsets.UTF_8));
		assertEquals("t1", InceptionModel.load(p, null).metadata().label(1));
		b.metadata(MetadataResolver.PROPS_KEY, "{\"labels\":[\"p0\",\"p1\",\"p2\",\"p3\"],\"normalization\":{\"mean\":[0.1,0.2,0.3]}}");
		b.write(p);
		ModelMetadata md = InceptionModel.load(p, null).metadata();
		assertEquals("p1", md.label(1));
		assertArrayEquals(new double[] {0.1, 0.2, 0.3}, md.mean());
		Files.write(dir.resolve("m.json"), "{\"labels\":[\"s0\",\"s1\",\"s2\",\"s3\"]}".getBytes(StandardCharsets.UTF_8));
		md = InceptionModel.load(p, null).metadata();
		assertEquals("s1", md.label(1));
		assertArrayEquals(new double[] {0.1, 0.2, 0.3}, md.mean(), "sidecar keeps what it does not override");
		InceptionModel.Overrides o = new InceptionModel.Overrides();
		o.mean = new double[] {0.5};
		o.labels = Files.write(dir.resolve("other.txt"), "o0\no1\no2\no3".getBytes(StandardCharsets.UTF_8));
		md = InceptionModel.load(p, o).metadata();
		assertEquals("o1", md.label(1));
		assertArrayEquals(new double[] {0.5, 0.5, 0.5}, md.mean());
	}
}
