// Small helpers to write ONNX graphs with onnx-proto (build time and test fixtures only).
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';

const { onnx } = onnxProto;

export const DataType = {
  float: onnx.TensorProto.DataType.FLOAT,
  int8: onnx.TensorProto.DataType.INT8,
  int64: onnx.TensorProto.DataType.INT64,
} as const;

type TensorData = Float32Array | Int8Array | BigInt64Array;

/** An initializer holding `data` as little-endian raw bytes (all ORT platforms are little-endian). */
export function tensor(name: string, dataType: number, dims: readonly number[], data: TensorData): OnnxTypes.ITensorProto {
  return {
    name,
    dataType,
    dims: [...dims],
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}

type AttributeValue = number | readonly number[];

/** A node; integer attributes are numbers, integer lists arrays. */
export function node(
  opType: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attributes: Record<string, AttributeValue> = {},
): OnnxTypes.INodeProto {
  const attribute = Object.entries(attributes).map(([name, value]): OnnxTypes.IAttributeProto =>
    typeof value === 'number'
      ? { name, type: onnx.AttributeProto.AttributeType.INT, i: value }
      : { name, type: onnx.AttributeProto.AttributeType.INTS, ints: [...value] },
  );
  return { opType, input: [...inputs], output: [...outputs], name: outputs[0] ?? opType, attribute };
}

/** A graph input/output; string dims are symbolic (e.g. 'batch'). */
export function valueInfo(name: string, elemType: number, dims: readonly (number | string)[]): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export interface GraphSpec {
  name: string;
  nodes: OnnxTypes.INodeProto[];
  initializers: OnnxTypes.ITensorProto[];
  inputs: OnnxTypes.IValueInfoProto[];
  outputs: OnnxTypes.IValueInfoProto[];
  docString?: string;
}

/** Serialises a single-graph model at opset 13 (IR 7), which onnxruntime 1.x runs everywhere. */
export function encodeModel(spec: GraphSpec): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 7,
    opsetImport: [{ domain: '', version: 13 }],
    producerName: 'asset-lens',
    docString: spec.docString ?? '',
    graph: {
      name: spec.name,
      node: spec.nodes,
      initializer: spec.initializers,
      input: spec.inputs,
      output: spec.outputs,
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
