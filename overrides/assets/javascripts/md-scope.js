/* Material 9.8.2's partials/javascripts/base.html, loaded by this site's override of it:
   the same helpers, with the scope (the site's root, which prefixes what Material keeps in
   localStorage: the palette chosen...) taken from this file's address, two folders down
   from the root, instead of from the page's address and its relative base_url. */
__md_scope=new URL("../..",document.currentScript.src),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}
