/** The e-mails of the example network's people (examples/network.json) that many tests act as. */
export const CHAIR = 'anne.lund@example.dk';
export const SECRETARY = 'mette.kofoed@example.dk';
/** Staff of the genome centre: on the roster, without a vote. */
export const STAFF = 'peter.vang@example.dk';
export const SOREN = 'soren.ahl@example.dk';
export const KAREN = 'karen.ostby@example.dk';
export const IDA = 'ida.fjord@example.dk';
