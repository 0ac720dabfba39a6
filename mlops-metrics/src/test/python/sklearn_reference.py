"""Reference values for the mlops-metrics tests (NumPy 2.4 / SciPy 1.17; scikit-learn is not installed,
so its definitions are re-implemented here: _binary_clf_curve, roc_auc_score (trapezoid), average_precision_score
(step-wise), matthews_corrcoef, cohen_kappa_score, calibration_curve, ...).

Run: python3 mlops-metrics/src/test/python/sklearn_reference.py (the log loss section at the end needs
scikit-learn itself: its literals come from sklearn.metrics.log_loss 1.2.1, eps="auto")
"""
import numpy as np
from scipy import stats
np.set_printoptions(precision=17)
def r(x): return repr(float(x))

def clf_curve(y, s, w=None):
    y=np.asarray(y); s=np.asarray(s,float)
    w = np.ones_like(s) if w is None else np.asarray(w,float)
    o=np.argsort(s,kind="mergesort")[::-1]; s=s[o]; y=y[o]; w=w[o]
    idx=np.where(np.diff(s))[0]; thr_idx=np.r_[idx, y.size-1]
    tps=np.cumsum(y*w)[thr_idx]; fps=np.cumsum((1-y)*w)[thr_idx]
    return fps,tps,s[thr_idx]
def roc(y,s,w=None):
    fps,tps,t=clf_curve(y,s,w)
    fpr=np.r_[0,fps]/fps[-1]; tpr=np.r_[0,tps]/tps[-1]; return fpr,tpr,np.r_[np.inf,t]
def auc(y,s,w=None):
    fpr,tpr,_=roc(y,s,w); return np.trapezoid(tpr,fpr)
def prc(y,s,w=None):
    fps,tps,t=clf_curve(y,s,w); ps=tps+fps
    p=np.zeros_like(tps); np.divide(tps,ps,out=p,where=ps!=0); rec=tps/tps[-1]
    return np.r_[p[::-1],1], np.r_[rec[::-1],0], t[::-1]
def ap(y,s,w=None):
    p,rc,_=prc(y,s,w); return -np.sum(np.diff(rc)*p[:-1])
def cm(y,pred,k):
    C=np.zeros((k,k)); 
    for a,b in zip(y,pred): C[a,b]+=1
    return C
def mcc(C):
    t=C.sum(1); p=C.sum(0); c=np.trace(C); s=C.sum()
    cov_ytyp=c*s-t@p; cov_ypyp=s*s-p@p; cov_ytyt=s*s-t@t
    return 0.0 if cov_ypyp*cov_ytyt==0 else cov_ytyp/np.sqrt(cov_ytyt*cov_ypyp)
def kappa(C):
    k=C.shape[0]; s0=C.sum(0); s1=C.sum(1); exp=np.outer(s0,s1)/s0.sum(); W=np.ones((k,k))-np.eye(k)
    return 1-np.sum(W*C)/np.sum(W*exp)
def wilson(x,n,level=0.95):
    z=stats.norm.ppf(0.5+level/2); p=x/n; d=1+z*z/n; c=(p+z*z/(2*n))/d; h=z*np.sqrt(p*(1-p)/n+z*z/(4*n*n))/d
    return c-h, c+h
def delong(y,s):
    y=np.asarray(y); s=np.asarray(s,float); X=s[y==1]; Y=s[y==0]
    psi=(X[:,None]>Y[None,:])+0.5*(X[:,None]==Y[None,:])
    v10=psi.mean(1); v01=psi.mean(0); a=psi.mean()
    return a, v10, v01, np.var(v10,ddof=1)/len(X)+np.var(v01,ddof=1)/len(Y)
def calib(y,p,nb,strategy):
    y=np.asarray(y); p=np.asarray(p,float)
    bins=np.linspace(0,1,nb+1) if strategy=="uniform" else np.percentile(p,np.linspace(0,1,nb+1)*100)
    ids=np.searchsorted(bins[1:-1],p)
    bs=np.bincount(ids,weights=p,minlength=len(bins)); bt=np.bincount(ids,weights=y,minlength=len(bins)); tot=np.bincount(ids,minlength=len(bins))
    nz=tot!=0; pt=bt[nz]/tot[nz]; pp=bs[nz]/tot[nz]
    ece=np.sum(tot[nz]/tot.sum()*np.abs(pt-pp)); mce=np.max(np.abs(pt-pp))
    return pp,pt,tot[nz],ece,mce

print("== D1 binary")
y=np.array([0,0,1,1,0,1,0,1,1,0,1,0]); s=np.array([0.1,0.4,0.4,0.8,0.3,0.7,0.2,0.35,0.9,0.6,0.6,0.05])
print("auc",r(auc(y,s)),"ap",r(ap(y,s)))
fpr,tpr,t=roc(y,s); print("roc fpr",list(fpr)); print("roc tpr",list(tpr)); print("roc thr",list(t))
p,rc,t=prc(y,s); print("pr p",list(p)); print("pr r",list(rc)); print("pr t",list(t))
pred=(s>=0.5).astype(int); C=cm(y,pred,2); tn,fp,fn,tp=C.ravel(); print("tn fp fn tp",tn,fp,fn,tp)
prec=tp/(tp+fp); rec=tp/(tp+fn); print("acc",r((tp+tn)/12),"prec",r(prec),"rec",r(rec),"f1",r(2*tp/(2*tp+fp+fn)),"f2",r(5*tp/(5*tp+4*fn+fp)))
print("bal",r((rec+tn/(tn+fp))/2),"mcc",r(mcc(C)),"kappa",r(kappa(C)))
pc=np.clip(s,np.finfo(float).eps,1-np.finfo(float).eps); print("logloss",r(-np.mean(y*np.log(pc)+(1-y)*np.log(1-pc))),"brier",r(np.mean((s-y)**2)))
for st in ["uniform","quantile"]:
    pp,pt,cnt,ece,mce=calib(y,s,4,st); print(st,"pp",list(pp),"pt",list(pt),"cnt",list(cnt),"ece",r(ece),"mce",r(mce))
print("wilson acc",[r(v) for v in wilson(tp+tn,12)])
print("wilson prec",[r(v) for v in wilson(tp,tp+fp)])
a,v10,v01,var=delong(y,s); z=stats.norm.ppf(0.975); print("delong auc",r(a),"var",r(var),"ci",r(a-z*np.sqrt(var)),r(a+z*np.sqrt(var)))
w=np.array([1,2,1,0.5,1,3,1,1,2,1,1,0.25])
print("weighted auc",r(auc(y,s,w)),"ap",r(ap(y,s,w)))
pcw=pc; print("weighted logloss",r(np.sum(w*-(y*np.log(pc)+(1-y)*np.log(1-pc)))/w.sum()))
# weighted confusion at 0.5
tpw=np.sum(w*(y==1)*(pred==1)); fpw=np.sum(w*(y==0)*(pred==1)); fnw=np.sum(w*(y==1)*(pred==0)); tnw=np.sum(w*(y==0)*(pred==0))
print("weighted prec",r(tpw/(tpw+fpw)),"rec",r(tpw/(tpw+fnw)),"acc",r((tpw+tnw)/w.sum()))

print("== D2 multiclass")
y3=np.array([0,1,2,2,1,0,2,1,0,2])
P=np.array([[0.7,0.2,0.1],[0.2,0.5,0.3],[0.1,0.3,0.6],[0.3,0.4,0.3],[0.3,0.3,0.4],[0.5,0.25,0.25],[0.2,0.2,0.6],[0.1,0.8,0.1],[0.4,0.4,0.2],[0.25,0.25,0.5]])
pred3=P.argmax(1); C3=cm(y3,pred3,3); print("pred",list(pred3)); print("C",C3.tolist())
tp_=np.diag(C3); prec_=np.divide(tp_,C3.sum(0),out=np.zeros(3),where=C3.sum(0)!=0); rec_=tp_/C3.sum(1); f1_=np.divide(2*tp_,C3.sum(0)+C3.sum(1),out=np.zeros(3),where=(C3.sum(0)+C3.sum(1))!=0)
sup=C3.sum(1)
print("prec",[r(v) for v in prec_],"rec",[r(v) for v in rec_],"f1",[r(v) for v in f1_])
print("macro p r f",r(prec_.mean()),r(rec_.mean()),r(f1_.mean()),"weighted p r f",r(prec_@sup/sup.sum()),r(rec_@sup/sup.sum()),r(f1_@sup/sup.sum()))
print("acc",r(np.trace(C3)/10),"mcc",r(mcc(C3)),"kappa",r(kappa(C3)),"bal",r(rec_.mean()))
pc3=np.clip(P[np.arange(10),y3],np.finfo(float).eps,1-np.finfo(float).eps); print("logloss",r(-np.mean(np.log(pc3))))
oh=np.eye(3)[y3]; print("brier",r(np.mean(np.sum((P-oh)**2,1))))
def topk(y,P,k):
    sp=np.argsort(P,axis=1,kind="mergesort")[:,::-1]; return np.mean((y[:,None]==sp[:,:k]).any(1))
print("top1",r(topk(y3,P,1)),"top2",r(topk(y3,P,2)))
aucs=[auc((y3==c).astype(int),P[:,c]) for c in range(3)]; print("ovr",[r(v) for v in aucs],"macro",r(np.mean(aucs)),"weighted",r(np.dot(aucs,sup)/sup.sum()))

print("== D3 regression")
ya=np.array([3.0,-0.5,2.0,7.0,4.2,0.0,1.5,10.0]); yp=np.array([2.5,0.0,2.1,7.8,3.9,0.3,1.0,8.0])
e=ya-yp
print("mae",r(np.mean(abs(e))),"mse",r(np.mean(e**2)),"rmse",r(np.sqrt(np.mean(e**2))))
print("r2",r(1-np.sum(e**2)/np.sum((ya-ya.mean())**2)),"mape",r(np.mean(abs(e)/np.maximum(abs(ya),np.finfo(np.float64).eps))))
print("medae",r(np.median(abs(e))),"maxerr",r(np.max(abs(e))),"ev",r(1-np.var(e)/np.var(ya)),"me",r(np.mean(e)))
wr=np.array([1,2,0.5,1,3,1,1,0.5])
mw=np.average(ya,weights=wr); print("w mae",r(np.average(abs(e),weights=wr)),"w r2",r(1-np.sum(wr*e**2)/np.sum(wr*(ya-mw)**2)))
ed=np.average(e,weights=wr); print("w ev",r(1-np.average((e-ed)**2,weights=wr)/np.average((ya-mw)**2,weights=wr)))
# weighted median via expansion with integer weights
wi=np.array([1,2,1,1,3,1,1,2]); print("int-w medae",r(np.median(np.repeat(abs(e),wi))))

print("== D1 paired DeLong against a second scorer")
s2=np.array([0.3,0.2,0.6,0.55,0.5,0.45,0.1,0.3,0.65,0.7,0.35,0.2])
a,v10,v01,var=delong(y,s); a2,v10b,v01b,var2=delong(y,s2)
m=len(v10); n=len(v01); z=stats.norm.ppf(0.975)
cov=np.cov(v10,v10b,ddof=1)[0,1]/m+np.cov(v01,v01b,ddof=1)[0,1]/n
d=a-a2; vd=var+var2-2*cov; zz=d/np.sqrt(vd)
print("auc2",r(a2),"diff",r(d),"p",r(2*stats.norm.sf(abs(zz))),"ci",r(d-z*np.sqrt(vd)),r(d+z*np.sqrt(vd)))
print("== McNemar")
print("chi2 p (b=36, c=23)",r(stats.chi2.sf((abs(36-23)-1)**2/(36+23),1)),
      "wald ci n=200",r(13/200-z*np.sqrt(59-13**2/200)/200),r(13/200+z*np.sqrt(59-13**2/200)/200))
print("exact p (b=3, c=9)",r(min(1,2*stats.binom.cdf(3,12,0.5))))
print("== D3 integer-weighted median absolute error")
wi=np.array([1,1,1,5,1,1,1,1]); print("medae",r(np.median(np.repeat(abs(ya-yp),wi))))

print("== log loss from scikit-learn itself (run with a python3 that has scikit-learn, e.g. Debian's /usr/bin/python3)")
try:
    from sklearn.metrics import log_loss
    print("binary", r(log_loss(y, s)), "weighted", r(log_loss(y, s, sample_weight=w)))
    print("certain wrong", r(log_loss([1], [0.0], labels=[0, 1])), "near 0/1", r(log_loss([1, 0, 1, 0], [1e-17, 1 - 1e-17, 1e-16, 0.0])))
    print("multiclass", r(log_loss(y3, P)), "one-hot", r(log_loss([0, 1, 2], [[1.0, 0, 0], [1.0, 0, 0], [0, 0, 1.0]])))
except ImportError:
    print("scikit-learn is not installed here: the log loss literals need it")
