// nzh_gen.js - numbers written in Chinese by an independent encoder (npm nzh).
// Prints "EXPECTED\tFORM\tCHINESE" lines; a fixed seed makes the run repeatable.
'use strict';
const Nzh = require(process.argv[2] || 'nzh');
const cn = Nzh.cn;
let seed = 20221208;
function rnd() { // xorshift32
    seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
    return seed / 4294967296;
}
// an integer below 10^digits, often with runs of zeros (一千零五, 二万零一十)
function int(maxDigits) {
    const d = 1 + Math.floor(rnd() * maxDigits);
    let s = '';
    for (let i = 0; i < d; i++) s += rnd() < 0.3 ? '0' : String(Math.floor(rnd() * 10));
    s = s.replace(/^0+/, '');
    return s === '' ? '0' : s;
}
function frac(k) { let s = ''; for (let i = 0; i < k; i++) s += String(Math.floor(rnd() * 10)); return s; }
const out = [];
const N = 25000;
for (let i = 0; i < N; i++) {           // lower-case integers up to 10^12
    const v = int(13);
    const s = BigInt(v) > 1000000000000n ? '1000000000000' : v;
    out.push(`${s}\tlower\t${cn.encodeS(Number(s))}`);
}
for (let i = 0; i < N; i++) {           // 大写 integers up to 10^12
    const v = int(13);
    const s = BigInt(v) > 1000000000000n ? '1000000000000' : v;
    out.push(`${s}\tupper\t${cn.encodeB(Number(s))}`);
}
for (let i = 0; i < N; i++) {           // 人民币 money, two decimals, up to 10^10 元
    const s = `${int(10)}.${frac(2)}`;
    out.push(`${s}\tmoney\t${cn.toMoney(Number(s))}`);
}
for (let i = 0; i < N; i++) {           // lower-case decimals (点), 1-4 decimals
    const s = `${int(8)}.${frac(1 + Math.floor(rnd() * 4))}`;
    out.push(`${s}\tdecimal\t${cn.encodeS(Number(s))}`);
}
process.stdout.write(out.join('\n') + '\n');
