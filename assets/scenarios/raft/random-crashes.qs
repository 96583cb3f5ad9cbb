# Twenty rounds of crashes and restarts under client load: durable state
# brings each node back, no acknowledged write is lost, and the cluster
# converges once everyone is back.
cluster raft nodes=5 seed=20
run until leader within 2s
client put a 1
crash 1
run 300ms
client put b 2
restart 1
crash 2
run 300ms
client append a 3
restart 2
run until leader within 3s
crash leader
run 300ms
client add 1
restart all
crash 3
run 300ms
client put c 4
restart 3
crash 4
run 300ms
client add 2
restart 4
run until leader within 3s
crash leader
run 300ms
client append b 5
restart all
crash 5
run 300ms
client put d 6
restart 5
run until leader within 3s
crash leader
run 300ms
client add 3
restart all
crash 1
crash 2
run 300ms
client get a
restart 1
restart 2
run until leader within 3s
crash leader
run 300ms
client put e 7
restart all
crash 3
run 300ms
client get c
restart 3
run until leader within 3s
crash leader
run 300ms
client add 4
restart all
crash 4
run 300ms
client get d
restart 4
crash 5
run until leader within 3s
crash leader
run 300ms
client put f 8
restart all
run until leader within 3s
crash leader
run 300ms
client append e 9
restart all
run 5s
expect leader
expect agree
expect linearizable
expect safe
