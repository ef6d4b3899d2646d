#!/usr/bin/env node
// A Node.js client of the vehicle bridge with @grpc/grpc-js and @grpc/proto-loader: the .proto files are
// loaded at run time from idl/ (kuksa.val.v2 and vehicle.gateway.v1; the vehicle services' own files use
// option syntax proto-loader cannot read, and a client does not need them).
//
//   node bridge_client.js [--host H] [--port P] [--token JWT] [--proto DIR] list [PATTERN]
//   node bridge_client.js ... get PATH
//   node bridge_client.js ... watch PATTERN [COUNT]
//   node bridge_client.js ... set PATH VALUE
//
// The token may also come from the environment (BRIDGE_TOKEN). One line is printed per observation.
'use strict';

const path = require('path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const TIMEOUT_MS = 20000;

function parseArguments(argv) {
  const options = {host: '127.0.0.1', port: 55555, token: process.env.BRIDGE_TOKEN,
    proto: path.resolve(__dirname, '..', '..', 'idl', 'src', 'main', 'proto')};
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if (flag === '--host' || flag === '--port' || flag === '--token' || flag === '--proto') {
      options[flag.substring(2)] = argv[++i];
    } else {
      rest.push(flag);
    }
  }
  options.port = Number(options.port);
  options.command = rest[0];
  options.args = rest.slice(1);
  return options;
}

function connect(options) {
  const definition = protoLoader.loadSync(['kuksa/val/v2/val.proto', 'vehicle/gateway/v1/gateway.proto'], {
    includeDirs: [options.proto], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true,
  });
  const loaded = grpc.loadPackageDefinition(definition);
  const address = `${options.host}:${options.port}`;
  const credentials = grpc.credentials.createInsecure();
  const metadata = new grpc.Metadata();
  if (options.token) {
    metadata.set('authorization', `Bearer ${options.token}`);
  }
  return {
    val: new loaded.kuksa.val.v2.VAL(address, credentials),
    gateway: new loaded.vehicle.gateway.v1.Gateway(address, credentials),
    metadata,
  };
}

function deadline() {
  return {deadline: new Date(Date.now() + TIMEOUT_MS)};
}

function unary(client, method, request, metadata) {
  return new Promise((resolve, reject) => {
    client[method](request, metadata, deadline(), (error, response) => error ? reject(error) : resolve(response));
  });
}

/** A kuksa.val.v2.Value as text. */
function plain(value) {
  if (!value || !value.typed_value) {
    return '(none)';
  }
  const raw = value[value.typed_value];
  if (value.typed_value.endsWith('_array')) {
    return `[${raw.values.join(', ')}]`;
  }
  return String(raw);
}

/** Command-line text as the Value case of a VSS data type. */
function typed(dataType, text) {
  switch (dataType) {
    case 'DATA_TYPE_BOOLEAN': return {bool: ['true', '1', 'on', 'yes'].includes(text.toLowerCase())};
    case 'DATA_TYPE_STRING': return {string: text};
    case 'DATA_TYPE_FLOAT': return {float: Number(text)};
    case 'DATA_TYPE_DOUBLE': return {double: Number(text)};
    case 'DATA_TYPE_INT8': case 'DATA_TYPE_INT16': case 'DATA_TYPE_INT32': return {int32: Number(text)};
    case 'DATA_TYPE_INT64': return {int64: text};
    case 'DATA_TYPE_UINT8': case 'DATA_TYPE_UINT16': case 'DATA_TYPE_UINT32': return {uint32: Number(text)};
    case 'DATA_TYPE_UINT64': return {uint64: text};
    default: throw new Error(`cannot write a ${dataType} from the command line`);
  }
}

const short = (name, prefix) => name.replace(prefix, '');

async function list(bridge, pattern) {
  const response = await unary(bridge.gateway, 'ListSignals', {patterns: pattern ? [pattern] : []}, bridge.metadata);
  for (const info of response.signals) {
    console.log('signal', info.path, short(info.data_type, 'DATA_TYPE_'), info.unit || '-',
        short(info.current.availability, 'AVAILABILITY_'), plain(info.current.value));
  }
}

async function get(bridge, signalPath) {
  const response = await unary(bridge.val, 'GetValue', {signal_id: {path: signalPath}}, bridge.metadata);
  console.log('value', signalPath, plain(response.data_point.value));
}

function watch(bridge, pattern, count) {
  return new Promise((resolve, reject) => {
    const call = bridge.gateway.Subscribe({patterns: [pattern], latest_only: true}, bridge.metadata);
    let seen = 0;
    call.on('data', (response) => {
      for (const update of response.updates) {
        console.log('update', update.path, short(update.availability, 'AVAILABILITY_'), plain(update.value));
        seen++;
      }
      if (count && seen >= count) {
        call.cancel();
        resolve();
      }
    });
    call.on('error', (error) => error.code === grpc.status.CANCELLED ? resolve() : reject(error));
    call.on('end', resolve);
  });
}

async function set(bridge, signalPath, text) {
  const info = (await unary(bridge.gateway, 'ListSignals', {patterns: [signalPath]}, bridge.metadata)).signals[0];
  const response = await unary(bridge.gateway, 'Write',
      {writes: [{path: signalPath, value: typed(info.data_type, text)}]}, bridge.metadata);
  for (const result of response.results) {
    console.log('write', result.path, short(result.status, 'WRITE_STATUS_'), plain(result.confirmed_value),
        result.reason);
  }
  console.log('outcome', short(response.outcome, 'WRITE_OUTCOME_'));
  return response.outcome === 'WRITE_OUTCOME_CONFIRMED';
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const bridge = connect(options);
  try {
    switch (options.command) {
      case 'list': await list(bridge, options.args[0]); return 0;
      case 'get': await get(bridge, options.args[0]); return 0;
      case 'watch': await watch(bridge, options.args[0], Number(options.args[1] || 0)); return 0;
      case 'set': return (await set(bridge, options.args[0], options.args[1])) ? 0 : 2;
      default:
        console.error('usage: bridge_client.js [--host H] [--port P] [--token JWT] list|get|watch|set ...');
        return 64;
    }
  } catch (error) {
    console.log('error', grpc.status[error.code] || error.code, error.details || error.message);
    return 1;
  } finally {
    bridge.val.close();
    bridge.gateway.close();
  }
}

main().then((code) => process.exit(code));
