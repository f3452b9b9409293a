"""The compositing generator: discharges and their natural look-alikes drawn onto real aerial photos of water
(the coastal-aerial pool, with its water masks) and onto 2D inland river, canal and pond layouts built from
real textures, with several plume and appearance models. See example.py for the contract."""
