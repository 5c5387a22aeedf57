-- basics/transaction_chain: COMMIT/ROLLBACK AND CHAIN start a new block with the same characteristics (25P01 outside a block)
CREATE TABLE transaction_chain_t (id integer);
BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY;
COMMIT AND CHAIN;
SHOW transaction_isolation;
SHOW transaction_read_only;
ROLLBACK AND CHAIN;
SHOW transaction_isolation;
COMMIT AND NO CHAIN;
BEGIN;
INSERT INTO transaction_chain_t VALUES (1);
COMMIT AND CHAIN;
INSERT INTO transaction_chain_t VALUES (2);
ROLLBACK AND NO CHAIN;
SELECT id FROM transaction_chain_t ORDER BY id;
COMMIT AND CHAIN;
ROLLBACK AND CHAIN;
DROP TABLE transaction_chain_t;
