import os from 'node:os';
import type { MachineInfo } from './report-model.js';

export function machineInfo(redisVersion: string, loadAverageStart: number): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    node: process.version,
    redisVersion,
    loadAverageStart,
    loadAverageEnd: os.loadavg()[0] ?? 0,
  };
}

export function loadAverage(): number {
  return os.loadavg()[0] ?? 0;
}
