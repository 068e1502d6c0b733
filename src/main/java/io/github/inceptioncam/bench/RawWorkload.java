package io.github.inceptioncam.bench;

import java.nio.FloatBuffer;

/** The raw peer on one ready input batch (the tensor our preprocessing made of the same images). */
final class RawWorkload implements Workload {
	private final RawOrtPeer peer;
	private final FloatBuffer input;
	private final long[] shape;

	RawWorkload(RawOrtPeer peer, FloatBuffer input, long[] shape) {
		this.peer = peer;
		this.input = input;
		this.shape = shape;
	}

	@Override
	public int run() throws Exception {
		return peer.run(input, shape).length;
	}
}
