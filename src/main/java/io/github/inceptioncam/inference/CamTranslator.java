package io.github.inceptioncam.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.List;
import java.util.Set;

/**
 * DJL translator of the CAM-ready model: feeds an already preprocessed {@link InputBatch} (the
 * buffer is handed to ONNX Runtime as is) and copies out only the wanted output tensors.
 */
final class CamTranslator implements NoBatchifyTranslator<InputBatch, RawOutputs> {
	private final Set<String> wanted;

	CamTranslator(List<String> wantedOutputs) {
		this.wanted = Set.copyOf(wantedOutputs);
	}

	@Override
	public NDList processInput(TranslatorContext ctx, InputBatch input) {
		input.buffer.rewind();
		long n = 1;
		for (long d : input.shape) n *= d;
		input.buffer.limit((int) n);
		NDArray array = ctx.getNDManager().create(input.buffer, new Shape(input.shape), DataType.FLOAT32);
		return new NDList(array);
	}

	@Override
	public RawOutputs processOutput(TranslatorContext ctx, NDList list) {
		RawOutputs out = new RawOutputs();
		for (NDArray a : list) {
			if (a.getName() != null && wanted.contains(a.getName())) {
				if (a.getDataType() != DataType.FLOAT32) {
					throw new IllegalStateException("output '" + a.getName() + "' is " + a.getDataType() + ", not float32");
				}
				out.put(a.getName(), a.toFloatArray(), a.getShape().getShape());
			}
		}
		return out;
	}
}
