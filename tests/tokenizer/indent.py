if x:
    y = 1

  
    	z = 2
w = 3
if a:
        if b:
                c
        d
e = (1,

     2)
f = x
