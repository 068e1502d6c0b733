package io.github.inceptioncam.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.inceptioncam.testing.OnnxBuilder;
import org.junit.jupiter.api.Test;

/** The seed documents' worked example of the Inception dimension reduction. */
class ModelCostTest {
	/** 28x28x192 input; {@code bottleneck > 0} puts a 1x1 conv with that many filters before the 5x5. */
	static InceptionModel fiveByFive(int bottleneck) throws ModelException {
		OnnxBuilder b = new OnnxBuilder();
		b.input("x", 1, 192, 28, 28);
		String in = "x";
		long inC = 192;
		if (bottleneck > 0) {
			b.init("r_w", new float[bottleneck * 192], bottleneck, 192, 1, 1);
			b.node("Conv", new String[] {"x", "r_w"}, new String[] {"r"}, "kernel_shape", new long[] {1, 1});
			in = "r";
			inC = bottleneck;
		}
		b.init("c_w", new float[(int) (32 * inC * 25)], 32, inC, 5, 5);
		b.node("Conv", new String[] {in, "c_w"}, new String[] {"y"}, "kernel_shape", new long[] {5, 5}, "pads", new long[] {2, 2, 2, 2});
		b.output("y");
		return InceptionModel.fromBytes(b.bytes(), "seed", null, null, null, null);
	}

	@Test
	void naiveFiveByFiveCosts120Million() throws Exception {
		ModelCost cost = ModelCost.analyse(fiveByFive(0));
		assertEquals(1, cost.layers().size());
		assertEquals(120_422_400L, cost.totalMacs());
		assertEquals(32L * 192 * 25, cost.totalParams());
	}

	@Test
	void bottleneckCutsItToTwelveMillion() throws Exception {
		ModelCost cost = ModelCost.analyse(fiveByFive(16));
		assertEquals(2_408_448L, cost.layers().get(0).macs);
		assertEquals(10_035_200L, cost.layers().get(1).macs);
		assertEquals(12_443_648L, cost.totalMacs());
		assertEquals(16L * 192 + 32L * 16 * 25, cost.totalParams());
	}

	@Test
	void groupedConvAndGemmAreCounted() throws Exception {
		OnnxBuilder b = new OnnxBuilder();
		b.input("x", 1, 8, 10, 10);
		b.init("dw", new float[8 * 9], 8, 1, 3, 3).init("db", new float[8], 8);
		b.node("Conv", new String[] {"x", "dw", "db"}, new String[] {"d"}, "kernel_shape", new long[] {3, 3}, "group", 8L);
		b.node("GlobalAveragePool", "d", "g");
		b.node("Flatten", "g", "f");
		b.init("fw", new float[5 * 8], 5, 8).init("fb", new float[5], 5);
		b.node("Gemm", new String[] {"f", "fw", "fb"}, new String[] {"y"}, "transB", 1L);
		b.output("y");
		ModelCost cost = ModelCost.analyse(InceptionModel.fromBytes(b.bytes(), "g", null, null, null, null));
		// depthwise 3x3 without padding: 8 x 8 x 8 outputs x 9 x 1 input channel per group
		assertEquals(8L * 8 * 8 * 9, cost.layers().get(0).macs);
		assertEquals(8L * 9 + 8, cost.layers().get(0).params);
		assertEquals(5L * 8, cost.layers().get(1).macs);
		assertEquals(5L * 8 + 5, cost.layers().get(1).params);
	}
}
