package io.github.inceptioncam.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Arrays;
import java.util.Optional;

/**
 * A global average pooling over the spatial axes of a 4-D tensor ({@code GlobalAveragePool}, a spatial
 * {@code ReduceMean}, or an {@code AveragePool} whose kernel covers the map): the tensor it pools and its layout.
 */
final class GlobalPool {
	final String feature;
	final Layout layout;

	private GlobalPool(String feature, Layout layout) {
		this.feature = feature;
		this.layout = layout;
	}

	/** The pooling {@code p} is, or empty when it is not a global average pooling. */
	static Optional<GlobalPool> of(NodeProto p, OnnxGraph g, ShapeSource shapes) {
		String feature = p.getInputCount() > 0 ? p.getInput(0) : null;
		switch (p.getOpType()) {
			case "GlobalAveragePool":
				return Optional.of(new GlobalPool(feature, Layout.NCHW));
			case "ReduceMean": {
				long[] axes = OnnxGraph.ints(p, "axes");
				if (axes == null && p.getInputCount() > 1 && !p.getInput(1).isEmpty()) {
					axes = g.constant(p.getInput(1)).map(ConstTensor::asLongs).orElse(null);
				}
				if (axes == null || axes.length != 2) return Optional.empty();
				long[] shape = shapes.shape(feature);
				int rank = shape != null ? shape.length : 4;
				if (rank != 4) return Optional.empty();
				long[] norm = Arrays.stream(axes).map(a -> a < 0 ? a + rank : a).sorted().toArray();
				if (norm[0] == 2 && norm[1] == 3) return Optional.of(new GlobalPool(feature, Layout.NCHW));
				if (norm[0] == 1 && norm[1] == 2) return Optional.of(new GlobalPool(feature, Layout.NHWC));
				return Optional.empty();
			}
			case "AveragePool": {
				long[] kernel = OnnxGraph.ints(p, "kernel_shape");
				long[] pads = OnnxGraph.ints(p, "pads");
				if (kernel == null || kernel.length != 2) return Optional.empty();
				if (pads != null) for (long v : pads) if (v != 0) return Optional.empty();
				String autoPad = OnnxGraph.stringAttr(p, "auto_pad", "NOTSET");
				if (!autoPad.equals("NOTSET") && !autoPad.equals("VALID")) return Optional.empty();
				long[] shape = shapes.shape(feature);
				if (shape == null || shape.length != 4) return Optional.empty();
				if (shape[2] != kernel[0] || shape[3] != kernel[1]) return Optional.empty();
				return Optional.of(new GlobalPool(feature, Layout.NCHW));
			}
			default:
				return Optional.empty();
		}
	}
}
